import type { ForwardRow } from "@ferry/store/client";
import type { Command } from "commander";
import { CliError } from "../cliError.ts";
import { findForward } from "../daemon/findForward.ts";
import { withDaemon } from "../daemon/withDaemon.ts";
import { print } from "../output.ts";
import { openUrl } from "./openUrl.ts";

export function forwardUrl(row: ForwardRow, https: boolean): string {
  const host = row.localAddress.includes(":") ? `[${row.localAddress}]` : row.localAddress;
  return `${https ? "https" : "http"}://${host}:${row.localPort}/`;
}

/** `ferry open <alias> [--https]`: the running forward's local address, in the browser. */
export function registerOpen(program: Command): void {
  program
    .command("open")
    .description("open a running forward's local address in the browser ($BROWSER or xdg-open)")
    .argument("<alias>", "alias (or id) of the forward")
    .option("--https", "https:// instead of http://")
    .action(async (alias: string, options: { https?: boolean }) => {
      const rows = await withDaemon((c) => c.forwards.status.query());
      const row = findForward(rows, alias);
      if (row.state !== "running")
        throw new CliError(
          `"${alias}" is ${row.state}, not running; \`ferry start ${alias}\` first`,
          {
            code: "NOT_RUNNING",
          },
        );
      const url = forwardUrl(row, options.https === true);
      await openUrl(url);
      print(`opened ${url}\n`);
    });
}
