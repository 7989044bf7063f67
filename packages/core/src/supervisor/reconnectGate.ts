// At most N connection attempts in flight per cluster (API server): after a wake or a network
// outage every forward reconnects, and without a bound they would all dial at once (a storm the
// API server, a VPN or a proxy may not take). Tunnel opens, reconnect probes and watch restarts
// wait here for a slot; the rest queue in order.

import { FerryForwardError } from "../errors.ts";

/** Default `maxReconnectsPerCluster`. */
export const DEFAULT_MAX_RECONNECTS = 4;

interface Lane {
  active: number;
  queue: Array<() => void>;
}

export class ReconnectGate {
  readonly limit: number;
  readonly #lanes = new Map<string, Lane>();

  constructor(limit = DEFAULT_MAX_RECONNECTS) {
    this.limit = Math.max(1, Math.floor(limit));
  }

  /** Runs `attempt` once a slot for `cluster` is free; the slot is held until it settles. */
  async run<T>(cluster: string, attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.#acquire(cluster, signal);
    try {
      return await attempt();
    } finally {
      release();
    }
  }

  /** Attempts in flight for `cluster` now (tests, status). */
  active(cluster: string): number {
    return this.#lanes.get(cluster)?.active ?? 0;
  }

  #acquire(cluster: string, signal?: AbortSignal): Promise<() => void> {
    let lane = this.#lanes.get(cluster);
    if (!lane) {
      lane = { active: 0, queue: [] };
      this.#lanes.set(cluster, lane);
    }
    const l = lane;
    const release = () => {
      l.active--;
      const next = l.queue.shift();
      if (next) next();
      else if (l.active === 0) this.#lanes.delete(cluster);
    };
    if (l.active < this.limit) {
      l.active++;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener("abort", onAbort);
        l.active++;
        resolve(release);
      };
      const onAbort = () => {
        const i = l.queue.indexOf(go);
        if (i >= 0) l.queue.splice(i, 1);
        reject(
          new FerryForwardError("PORT_FORWARD_FAILED", "cancelled while waiting to reconnect"),
        );
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      l.queue.push(go);
    });
  }
}
