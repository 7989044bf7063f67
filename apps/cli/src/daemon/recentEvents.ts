import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ForwardRow } from "@ferry/store/client";
import { resolveFerryHome } from "@ferry/store/node";

export interface ForwardEvent {
  at: string;
  level: string;
  message: string;
}

// daemon.log lines: `<ISO time> <level> [<pid>] <message>`.
const LINE = /^(\S+) (info|warn|error) \[\d+\] (.*)$/;

/**
 * The forward's recent events, oldest first, as ferryd logged them: its state changes
 * (`web (#3): running`) and its own log lines (`#3 warn: ...`). The daemon keeps no event history
 * of its own (yet), so its log is where they are; the rotated log is read too.
 */
export function recentEvents(row: Pick<ForwardRow, "id" | "alias">, limit = 10): ForwardEvent[] {
  const home = resolveFerryHome();
  const mine = [`${row.alias} (#${row.id}): `, `#${row.id} `];
  const events: ForwardEvent[] = [];
  for (const file of ["daemon.log.1", "daemon.log"]) {
    let text: string;
    try {
      text = readFileSync(join(home, file), "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) {
      const m = LINE.exec(line);
      if (m && mine.some((prefix) => m[3]?.startsWith(prefix)))
        events.push({ at: m[1] as string, level: m[2] as string, message: m[3] as string });
    }
  }
  return events.slice(-limit);
}
