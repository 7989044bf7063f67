import type { FerryClient, ForwardRow } from "@ferry/store/client";

const SETTLED = new Set(["running", "error", "stopped"]);

/**
 * Calls `action` (a start) with the events subscription already open, then reports each forward's
 * state changes through `onChange` until every one is `running`, `error` or `stopped`, or until
 * `timeoutMs`. Returns the last row of each.
 */
export async function startAndWatch(
  client: FerryClient,
  action: () => Promise<ForwardRow[]>,
  onChange: (row: ForwardRow) => void,
  timeoutMs = 60_000,
): Promise<ForwardRow[]> {
  const latest = new Map<number, ForwardRow>();
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => {
    resolveDone = r;
  });
  const settled = () => latest.size > 0 && [...latest.values()].every((r) => SETTLED.has(r.state));
  const update = (row: ForwardRow) => {
    const before = latest.get(row.id);
    if (!before) return;
    const merged = { ...before, ...row };
    latest.set(row.id, merged);
    if (before.state !== merged.state || before.pod !== merged.pod) onChange(merged);
    if (settled()) resolveDone();
  };
  let opened!: () => void;
  const ready = new Promise<void>((r) => {
    opened = r;
  });
  const sub = client.forwards.events.subscribe(undefined, {
    onStarted: () => opened(),
    onData: (event) => {
      if (event.type !== "status") return;
      const s = event.status;
      update({
        ...(latest.get(s.id) as ForwardRow),
        ...s,
        localAddress: s.localAddress,
        localPort: s.localPort,
      });
    },
    onError: () => resolveDone(),
  });
  try {
    await Promise.race([ready, new Promise((r) => setTimeout(r, 3_000))]);
    const rows = await action();
    for (const row of rows) {
      latest.set(row.id, row);
      onChange(row);
    }
    // Events may have passed before the rows came back: read the truth once more.
    for (const row of await client.forwards.status.query()) if (latest.has(row.id)) update(row);
    if (!settled()) {
      const timer = setTimeout(resolveDone, timeoutMs);
      await done;
      clearTimeout(timer);
    }
    return [...latest.values()];
  } finally {
    sub.unsubscribe();
  }
}
