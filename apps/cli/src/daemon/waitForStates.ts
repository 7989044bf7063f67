import {
  type FerryClient,
  type ForwardRow,
  type ForwardSelector,
  liveForwards,
} from "@ferry/store/client";
import { runningDaemonClient } from "./withDaemon.ts";

const SETTLED = new Set(["running", "error", "stopped"]);

/**
 * Starts the selected forwards with the shared live rows already subscribed, and reports each
 * one's state (or pod) changes through `onChange` until every one is `running`, `error` or
 * `stopped`, or until `timeoutMs`. Returns the last row of each.
 */
export async function startAndWatch(
  client: FerryClient,
  select: ForwardSelector,
  onChange: (row: ForwardRow) => void,
  timeoutMs = 60_000,
): Promise<ForwardRow[]> {
  const shown = new Map<number, string>();
  let started: ForwardRow[] | null = null;
  let settle!: () => void;
  const settled = new Promise<void>((r) => {
    settle = r;
  });
  let becameLive!: () => void;
  const live = new Promise<void>((r) => {
    becameLive = r;
  });
  const latest = () => (started ?? []).map((r) => forwards.row(r.id) ?? r);
  const check = () => {
    if (!started) return;
    const rows = latest();
    for (const row of rows) {
      const key = `${row.state} ${row.pod}`;
      if (shown.get(row.id) === key) continue;
      shown.set(row.id, key);
      onChange(row);
    }
    if (rows.every((r) => SETTLED.has(r.state))) settle();
  };
  const forwards = liveForwards(runningDaemonClient, {
    onRows: check,
    onState: (state) => state === "live" && becameLive(),
  });
  const timer = setTimeout(settle, timeoutMs);
  try {
    await Promise.race([live, new Promise((r) => setTimeout(r, 3_000))]);
    started = await client.forwards.start.mutate(select);
    await forwards.refresh();
    check();
    await settled;
    return latest();
  } finally {
    clearTimeout(timer);
    forwards.close();
  }
}
