import type { Command } from "commander";
import { configDetails, configJson, toJsonText } from "../../format/configTable.ts";
import { withConfigApi } from "./configApi.ts";
import { print } from "./output.ts";
import { runAction } from "./runAction.ts";

export function registerShow(config: Command): void {
  config
    .command("show")
    .description("show every field of one config")
    .argument("<alias>", "alias (or id) of the config")
    .option("--json", "print a JSON object")
    .action(
      runAction(async (alias: string, options: { json?: boolean }) => {
        const found = await withConfigApi((api) => api.get(alias));
        print(options.json ? toJsonText(configJson(found)) : configDetails(found));
      }),
    );
}
