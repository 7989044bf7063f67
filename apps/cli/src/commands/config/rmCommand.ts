import type { Command } from "commander";
import { withConfigApi } from "./configApi.ts";
import { print } from "./output.ts";
import { runAction } from "./runAction.ts";

export function registerRm(config: Command): void {
  config
    .command("rm")
    .alias("remove")
    .description("remove configs (all named ones, or none when one is missing)")
    .argument("<alias...>", "aliases (or ids) of the configs")
    .action(
      runAction(async (aliases: string[]) => {
        const removed = await withConfigApi((api) => api.remove(aliases));
        print(`removed ${removed.map((c) => `"${c.alias}"`).join(", ")}\n`);
      }),
    );
}
