import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { CliError, toCliError } from "../../cliError.ts";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { toJsonText } from "../../format/configTable.ts";
import { importSummary, warningLines } from "../../format/importSummary.ts";
import { note, print } from "../../output.ts";

interface ImportFlags {
  dryRun?: boolean;
  kubeconfig?: string;
  context?: string;
  json?: boolean;
}

function readSource(file: string): string {
  try {
    return readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new CliError(`cannot read ${file}: ${reason}`, { code: "READ_FAILED" });
  }
}

export function registerImport(config: Command): void {
  config
    .command("import")
    .description("import configs from kftray-style JSON (comments allowed); all or nothing")
    .argument("<file>", 'JSON file, or "-" for stdin')
    .option("--dry-run", "show what would be added, updated or left alone; write nothing")
    .option("--kubeconfig <path>", "use this kubeconfig for every imported config")
    .option("--context <name>", "use this kube context for every imported config")
    .option("--json", "print the import report as JSON")
    .action(async (file: string, flags: ImportFlags) => {
      const text = readSource(file);
      const source = file === "-" ? "stdin" : file;
      const options = {
        dryRun: flags.dryRun === true,
        ...(flags.kubeconfig !== undefined && { kubeconfig: flags.kubeconfig }),
        ...(flags.context !== undefined && { context: flags.context }),
      };
      const report = await withDaemon((c) => c.configs.import.mutate({ text, ...options })).catch(
        (err) => {
          const e = toCliError(err);
          if (e.code !== "INVALID_JSON" && e.code !== "INVALID_CONFIG") throw e;
          throw new CliError(`${source}: ${e.message}`, { code: e.code });
        },
      );
      note(warningLines(report));
      print(flags.json ? toJsonText(report) : importSummary(source, report));
    });
}
