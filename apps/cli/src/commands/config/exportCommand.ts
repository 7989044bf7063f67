import { writeFileAtomic } from "@ferry/store";
import type { Command } from "commander";
import { CliError } from "../../cliError.ts";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { note, print } from "../../output.ts";

export function registerExport(config: Command): void {
  config
    .command("export")
    .description("write every config as kftray-style JSON (to stdout, or atomically to a file)")
    .argument("[file]", 'output file; "-" or none for stdout')
    .action(async (file: string | undefined) => {
      const text = await withDaemon((c) => c.configs.export.query());
      if (file === undefined || file === "-") return print(text);
      try {
        writeFileAtomic(file, text);
      } catch (err) {
        throw new CliError(`cannot write ${file}: ${(err as Error).message}`, {
          code: "WRITE_FAILED",
        });
      }
      note(`exported to ${file}\n`);
    });
}
