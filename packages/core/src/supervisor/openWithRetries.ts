// One accepted local connection's stream: to the chosen pod (a spare if one is ready), retried on
// the next Ready pod when a pod refuses the port or its stream fails; while the forward is not
// running the connection waits, up to a bound, for it to be again.

import type { Duplex } from "node:stream";
import { FerryForwardError, PodPortRefusedError } from "../errors.ts";
import type { ForwardStream } from "../portforward/podConnector.ts";
import type { Chosen } from "./podChoice.ts";

/** Stream failures in a row, on pods chosen in turn, before the forward re-decides its state. */
const OPEN_ATTEMPTS = 3;

export interface ConnectionRoute {
  /** The forward is stopping: give up. */
  stopped(): boolean;
  /** The pod to use now, or null while the forward is not running or none is usable. */
  choose(skip: ReadonlySet<string>): Chosen | null;
  /** A spare stream to that pod, if one is ready or opening. */
  spare(chosen: Chosen): Promise<ForwardStream | null>;
  open(chosen: Chosen, signal: AbortSignal): Promise<ForwardStream>;
  /** A stream was handed out: time to open the next spare. */
  used(): void;
  /**
   * A stream to `chosen` failed (not a port refusal). `manyInARow`: the forward should re-decide
   * its state; returns whether it did (then the count starts again).
   */
  failed(chosen: Chosen, err: unknown, manyInARow: boolean): boolean;
  /** Resolves when the forward may be running again, or after `ms`. */
  waitForPod(ms: number, signal: AbortSignal): Promise<void>;
  /** Why no pod is reachable, for the refusal message. */
  reason(): string;
  log(message: string): void;
}

export async function openWithRetries(
  route: ConnectionRoute,
  signal: AbortSignal,
  waitMs: number,
): Promise<Duplex> {
  const deadline = Date.now() + waitMs;
  let attempts = 0;
  const refusedBy = new Set<string>();
  let refusal: PodPortRefusedError | null = null;
  for (;;) {
    if (signal.aborted || route.stopped())
      throw new FerryForwardError(
        "PORT_FORWARD_FAILED",
        "connection closed before it was forwarded",
      );
    const chosen = route.choose(refusedBy);
    // Every Ready pod refused the port: this connection fails, the forward stays up.
    if (!chosen && refusal) throw refusal;
    if (!chosen) {
      const left = deadline - Date.now();
      if (left <= 0)
        throw new FerryForwardError(
          "NO_READY_POD",
          `no reachable pod within ${waitMs} ms: ${route.reason()}`,
        );
      await route.waitForPod(left, signal);
      continue;
    }
    const spare = await route.spare(chosen);
    if (spare) {
      route.used();
      return spare;
    }
    try {
      const s = await route.open(chosen, signal);
      route.used();
      // Refused at once on the error channel: handled below like a failed open.
      if (s.errored) throw s.errored;
      return s;
    } catch (err) {
      if (signal.aborted || route.stopped()) throw err;
      route.log(`pod ${chosen.name}: ${(err as Error).message}`);
      if (err instanceof PodPortRefusedError) {
        // Nothing listens on that port in this pod (yet): another pod may; the pod stays usable.
        refusedBy.add(chosen.name);
        refusal = err;
        continue;
      }
      attempts++;
      if (route.failed(chosen, err, attempts >= OPEN_ATTEMPTS)) attempts = 0;
    }
  }
}
