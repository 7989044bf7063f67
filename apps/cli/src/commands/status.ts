import { type FerryClient, liveForwards } from "@ferry/store/client/core";
import type { Command } from "commander";
import { findForward } from "../daemon/findForward.ts";
import { forwardDetails } from "../daemon/forwardDetails.ts";
import { recentEvents } from "../daemon/recentEvents.ts";
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

async function showOne(
  client: FerryClient,
  alias: string,
  options: { json?: boolean },
): Promise<void> {
  const row = findForward(await client.forwards.status.query(), alias);
  const events = recentEvents(await client.forwards.history.query(row.id));
  print(
    options.json ? `${JSON.stringify({ ...row, events }, null, 2)}\n` : forwardDetails(row, events),
  );
}

/** `ferry status [alias] [--json] [--watch]`. */
export function registerStatusCommand(program: Command): void {
  program
    .command("status")
    .description(
      "show every forward: alias, context, target, local address, state, pod, connections, traffic",
    )
    .argument("[alias]", "show this one forward in full, with its recent events")
    .option("--json", "print the rows (or the one forward and its events) as JSON")
    .option("-w, --watch", "keep the table up to date until Ctrl-C")
    .action(async (alias: string | undefined, options: { json?: boolean; watch?: boolean }) => {
      await withDaemon(async (client) => {
        if (alias !== undefined) return showOne(client, alias, options);
        if (options.watch && !options.json) return watch();
        const rows = await client.forwards.status.query();
        print(options.json ? `${JSON.stringify(rows, null, 2)}\n` : statusTable(rows));
      });
    });
}
