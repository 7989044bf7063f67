import { liveForwards } from "@ferry/store/client";
import type { Command } from "commander";
import { statusTable } from "../daemon/statusTable.ts";
import { runningDaemonClient, withDaemon } from "../daemon/withDaemon.ts";
import { print } from "../output.ts";

/** Redraws the table from the shared live rows, at most every 250 ms, until Ctrl-C. */
async function watch(): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let offline = "";
  const draw = () => {
    timer = null;
    const clear = process.stdout.isTTY ? "\x1b[2J\x1b[H" : "\n";
    process.stdout.write(`${clear}${statusTable(forwards.rows())}${offline}`);
  };
  const forwards = liveForwards(runningDaemonClient, {
    onRows: () => {
      timer ??= setTimeout(draw, 250);
    },
    onState: (state, error) => {
      offline = state === "offline" ? `\nferryd unreachable (${error?.message}); retrying\n` : "";
      if (state === "offline") draw();
    },
  });
  await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
  if (timer) clearTimeout(timer);
  forwards.close();
}

/** `ferry status [--json] [--watch]`. */
export function registerStatusCommand(program: Command): void {
  program
    .command("status")
    .description(
      "show every forward: alias, context, target, local address, state, pod, connections, traffic",
    )
    .option("--json", "print the rows as JSON")
    .option("-w, --watch", "keep the table up to date until Ctrl-C")
    .action(async (options: { json?: boolean; watch?: boolean }) => {
      await withDaemon(async (client) => {
        if (options.watch && !options.json) return watch();
        const rows = await client.forwards.status.query();
        print(options.json ? `${JSON.stringify(rows, null, 2)}\n` : statusTable(rows));
      });
    });
}
