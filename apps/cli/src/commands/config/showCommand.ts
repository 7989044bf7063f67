import type { Command } from "commander";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { configDetails, configJson, toJsonText } from "../../format/configTable.ts";
import { print } from "../../output.ts";

export function registerShow(config: Command): void {
  config
    .command("show")
    .description("show every field of one config")
    .argument("<alias>", "alias (or id) of the config")
    .option("--json", "print a JSON object")
    .action(async (alias: string, options: { json?: boolean }) => {
      const found = await withDaemon((c) => c.configs.get.query(alias));
      print(options.json ? toJsonText(configJson(found)) : configDetails(found));
    });
}
