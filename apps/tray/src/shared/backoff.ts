/**
 * Pauses between attempts to reach the daemon again: 0.5 s doubling to 5 s. A daemon that is
 * gone for good then costs one attempt every 5 s, never a spin; one that comes back is found
 * within a few seconds.
 */
export interface Backoff {
  firstMs: number;
  maxMs: number;
}

export const RECONNECT_BACKOFF: Backoff = { firstMs: 500, maxMs: 5_000 };

/** The pause before a retry after `failures` attempts in a row that did not bring the daemon back. */
export function backoffDelay(failures: number, backoff: Backoff = RECONNECT_BACKOFF): number {
  return Math.min(backoff.maxMs, backoff.firstMs * 2 ** failures);
}

export interface SpacedAttempts<T> {
  /** One attempt, after the pause the attempts since the last success call for. */
  next(): Promise<T>;
  /** The daemon is back (live rows flowed): the next attempt goes at once. */
  succeeded(): void;
}

export interface SpacedAttemptsOptions {
  sleep?: (ms: number) => Promise<void>;
  backoff?: Backoff;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `attempt` spaced by the backoff. An attempt that resolves is not yet a success: a connect can
 * find a daemon whose stream then fails at once, and only the caller knows when rows flow again
 * (`succeeded`), so every attempt since then counts toward the next pause.
 */
export function spacedAttempts<T>(
  attempt: () => Promise<T>,
  options: SpacedAttemptsOptions = {},
): SpacedAttempts<T> {
  const sleep = options.sleep ?? wait;
  let tries = 0;
  return {
    async next() {
      const n = tries++;
      if (n > 0) await sleep(backoffDelay(n - 1, options.backoff));
      return attempt();
    },
    succeeded() {
      tries = 0;
    },
  };
}
