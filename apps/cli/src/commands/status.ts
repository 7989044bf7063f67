import type { FerryClient } from "@ferry/store/client";
import type { Command } from "commander";
import { statusTable } from "../daemon/statusTable.ts";
import { withDaemon } from "../daemon/withDaemon.ts";

/** Redraws the table on every event, at most every 250 ms, until Ctrl-C. */
async function watch(client: FerryClient): Promise<void> {
  let scheduled = false;
  const draw = async () => {
    scheduled = false;
    const rows = await client.forwards.status.query();
    process.stdout.write(`${process.stdout.isTTY ? "\x1b[2J\x1b[H" : "\n"}${statusTable(rows)}`);
  };
  await draw();
  await new Promise<void>((resolve, reject) => {
    const sub = client.forwards.events.subscribe(undefined, {
      onData: () => {
        if (scheduled) return;
        scheduled = true;
        setTimeout(() => void draw().catch(reject), 250);
      },
      onError: (err) => reject(err),
      onComplete: () => resolve(),
    });
    process.once("SIGINT", () => {
      sub.unsubscribe();
      resolve();
    });
  });
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
        if (options.watch && !options.json) return watch(client);
        const rows = await client.forwards.status.query();
        process.stdout.write(
          options.json ? `${JSON.stringify(rows, null, 2)}\n` : statusTable(rows),
        );
      });
    });
}
