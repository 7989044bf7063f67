import type { Command } from "commander";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { configJson, configTable, toJsonText } from "../../format/configTable.ts";
import { note, print } from "../../output.ts";

export function registerList(config: Command): void {
  config
    .command("list")
    .alias("ls")
    .description("list every config")
    .option("--json", "print a JSON array (stable field names, for scripts)")
    .action(async (options: { json?: boolean }) => {
      const configs = await withDaemon((c) => c.configs.list.query());
      if (options.json) return print(toJsonText(configs.map(configJson)));
      if (configs.length === 0) {
        return note(
          "no configs yet: add one with `ferry config add` or `ferry config import <file>`\n",
        );
      }
      print(configTable(configs));
    });
}
