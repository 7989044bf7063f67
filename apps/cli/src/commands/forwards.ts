import type { ForwardSelector } from "@ferry/store/client";
import type { Command } from "commander";
import { CliError, EXIT } from "../cliError.ts";
import { progressPrinter } from "../daemon/progressLines.ts";
import { startAndWatch } from "../daemon/waitForStates.ts";
import { withDaemon } from "../daemon/withDaemon.ts";
import { print } from "../output.ts";

interface SelectOptions {
  all?: boolean;
  context?: string;
  group?: string;
}

function selector(aliases: string[], options: SelectOptions, verb: string): ForwardSelector {
  const group = options.group;
  if (aliases.length === 0 && !options.all && options.context === undefined && !group) {
    throw new CliError(
      `name the forwards to ${verb} (ferry ${verb} <alias...>), or pass --all or --group G`,
      { exitCode: EXIT.usage },
    );
  }
  // A group alone selects its members; --all (or only --context) selects every config.
  const all = options.all || (aliases.length === 0 && !group);
  return {
    aliases: aliases.length > 0 ? aliases : undefined,
    group,
    all: all ? true : undefined,
    context: options.context,
  };
}

/** `ferry start <alias...> | --all [--context C]` and `ferry stop <alias...> | --all`. */
export function registerForwardCommands(program: Command): void {
  program
    .command("start")
    .description("start forwards and wait until each is running or failed")
    .argument("[alias...]", "aliases (or ids) of the configs to start")
    .option("-a, --all", "start every config")
    .option("-c, --context <context>", "only configs of this kube context")
    .option("-g, --group <group>", "every config of this group")
    .action(async (aliases: string[], options: SelectOptions) => {
      const select = selector(aliases, options, "start");
      const rows = await withDaemon((client) =>
        startAndWatch(client, select, progressPrinter(process.stdout)),
      );
      const running = rows.filter((r) => r.state === "running").length;
      const failed = rows.filter((r) => r.state !== "running");
      print(`${running} running, ${failed.length} failed\n`);
      if (failed.length > 0) {
        const lines = failed.map(
          (r) => `  ${r.alias}: ${r.error ? `${r.error.message} (${r.error.code})` : r.state}`,
        );
        throw new CliError(
          `${failed.length} of ${rows.length} forward(s) did not start:\n${lines.join("\n")}`,
          {
            code: failed[0]?.error?.code ?? "START_FAILED",
          },
        );
      }
    });

  program
    .command("stop")
    .description("stop forwards")
    .argument("[alias...]", "aliases (or ids) of the configs to stop")
    .option("-a, --all", "stop every forward")
    .option("-g, --group <group>", "every forward of this group")
    .action(async (aliases: string[], options: SelectOptions) => {
      const select = selector(aliases, options, "stop");
      const rows = await withDaemon((client) => client.forwards.stop.mutate(select));
      for (const row of rows) print(`${row.alias}  ${row.state}\n`);
    });
}
