// Per-fault figures from the request outcomes: failed requests in the fault's window (requests
// that ended from its start to the next fault: one in flight when the fault hit counts for it),
// forwards affected, and each affected forward's time to recover,
// measured from the moment the fault was lifted to its first success after its first failure.
import { pct } from "../udp/daemonWithSim.ts";
import type { Outcome } from "./load.ts";

export interface FaultRecord {
  name: string;
  detail: string;
  /** Seconds since t0: fault injected, fault lifted (or, for a stall, when new connections work). */
  at: number;
  lift: number;
  /** Window end: the next fault or the end of the run. */
  until: number;
}

export function faultStats(f: FaultRecord, outcomes: Outcome[], forwards: number) {
  const inWindow = outcomes.filter((o) => o.end >= f.at && o.end < f.until);
  const failed = inWindow.filter((o) => !o.ok);
  const recoveries: number[] = [];
  let notRecovered = 0;
  for (let i = 0; i < forwards; i++) {
    const mine = inWindow.filter((o) => o.forward === i);
    const firstFail = mine.find((o) => !o.ok);
    if (!firstFail) continue;
    const from = Math.max(f.lift, firstFail.start);
    const ok = mine.find((o) => o.ok && o.start >= from && o.end >= f.lift);
    if (ok) recoveries.push(Math.max(0, ok.end - f.lift));
    else notRecovered += 1;
  }
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    fault: f.name,
    detail: f.detail,
    at: r(f.at),
    requests: inWindow.length,
    failed: failed.length,
    forwardsAffected: recoveries.length + notRecovered,
    recoverP50s: recoveries.length ? r(pct(recoveries, 50)) : null,
    recoverMaxs: recoveries.length ? r(Math.max(...recoveries)) : null,
    notRecovered,
  };
}
