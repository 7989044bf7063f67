import type { ForwardRow } from "@ferry/store/client/core";
import { CliError } from "../cliError.ts";

/** The row of the forward named `alias` (or with that id); NOT_FOUND with a hint otherwise. */
export function findForward(rows: ForwardRow[], alias: string): ForwardRow {
  const row = rows.find((r) => r.alias === alias) ?? rows.find((r) => String(r.id) === alias);
  if (!row)
    throw new CliError(`no config named "${alias}"; \`ferry config list\` shows them all`, {
      code: "NOT_FOUND",
    });
  return row;
}
