import type { Command } from "commander";
import { withDaemon } from "../../daemon/withDaemon.ts";
import { print } from "../../output.ts";

export function registerRm(config: Command): void {
  config
    .command("rm")
    .alias("remove")
    .description("remove configs (all named ones, or none when one is missing)")
    .argument("<alias...>", "aliases (or ids) of the configs")
    .action(async (aliases: string[]) => {
      const removed = await withDaemon((c) => c.configs.delete.mutate(aliases));
      print(`removed ${removed.map((c) => `"${c.alias}"`).join(", ")}\n`);
    });
}
