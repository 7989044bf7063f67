// While a forward is reconnecting, one probe at a time tries to open a stream, with jittered
// backoff (250 ms doubling to 10 s), until one opens or the forward leaves `reconnecting`.

import { setTimeout as sleep } from "node:timers/promises";
import { nextBackoff, withJitter } from "./backoff.ts";

export interface Probe {
  /** Still worth probing (the forward is reconnecting and not stopping). */
  wanted(): boolean;
  /** One attempt; the forward re-decides its state from the outcome itself. */
  attempt(): Promise<void>;
}

export class ReconnectProbe {
  #running = false;

  /** Starts probing unless a probe is already running. */
  start(probe: Probe, signal: AbortSignal): void {
    if (this.#running) return;
    this.#running = true;
    void (async () => {
      let backoff = 0;
      while (!signal.aborted && probe.wanted()) {
        backoff = nextBackoff(backoff);
        await sleep(withJitter(backoff), undefined, { signal }).catch(() => {});
        if (signal.aborted || !probe.wanted()) break;
        await probe.attempt();
      }
      this.#running = false;
    })();
  }
}
