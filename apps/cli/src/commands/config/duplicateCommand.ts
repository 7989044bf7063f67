import type { Command } from "commander";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { configJson, toJsonText } from "../../format/configTable.ts";
import { print } from "../../output.ts";
import { duplicateInput } from "./duplicateConfig.ts";

export function registerDuplicate(config: Command): void {
  config
    .command("duplicate")
    .alias("dup")
    .description("copy a config under a new alias (web-2, web-3...) and the next free local port")
    .argument("<alias>", "alias (or id) of the config to copy")
    .option("--json", "print the new config as JSON")
    .action(async (alias: string, options: { json?: boolean }) => {
      const created = await withDaemon(async (c) => {
        const source = await c.configs.get.query(alias);
        const input = await duplicateInput(source, await c.configs.list.query());
        return c.configs.create.mutate(input);
      });
      print(
        options.json
          ? toJsonText(configJson(created))
          : `added config "${created.alias}" (id ${created.id}), a copy of "${alias}" on ${created.local_address}:${created.local_port}\n`,
      );
    });
}
