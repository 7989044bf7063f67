import { readFileSync } from "node:fs";
import { isFerryError } from "@ferry/store";
import type { Command } from "commander";
import { CliError } from "../../cliError.ts";
import { toJsonText } from "../../format/configTable.ts";
import { importSummary, warningLines } from "../../format/importSummary.ts";
import { withConfigApi } from "./configApi.ts";
import { note, print } from "./output.ts";
import { runAction } from "./runAction.ts";

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
    .action(
      runAction(async (file: string, flags: ImportFlags) => {
        const text = readSource(file);
        const source = file === "-" ? "stdin" : file;
        const options = {
          dryRun: flags.dryRun === true,
          ...(flags.kubeconfig !== undefined && { kubeconfig: flags.kubeconfig }),
          ...(flags.context !== undefined && { context: flags.context }),
        };
        const report = await withConfigApi((api) => api.import(text, options)).catch((err) => {
          if (isFerryError(err) && (err.code === "INVALID_JSON" || err.code === "INVALID_CONFIG")) {
            throw new CliError(`${source}: ${err.message}`, { code: err.code });
          }
          throw err;
        });
        note(warningLines(report));
        print(flags.json ? toJsonText(report) : importSummary(source, report));
      }),
    );
}
