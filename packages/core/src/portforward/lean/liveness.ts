// Is the peer still there? A connection to the API server can die silently (a NAT that forgot the
// flow, a laptop that slept): the socket stays open and nothing arrives. Any byte received is
// proof of life; when none came for `pingMs` (or a caller is about to rely on the connection) a
// ping goes out, and no byte at all within `pingTimeoutMs` declares the connection dead.

/** Defaults, documented in the README (engine options `pingMs`, `pingTimeoutMs`). */
export const DEFAULT_PING_MS = 15_000;
export const DEFAULT_PING_TIMEOUT_MS = 5000;

export interface LivenessOptions {
  /** A quiet connection is pinged this often (0: never on a timer). */
  pingMs?: number;
  /** No byte within this long after a ping: dead. */
  pingTimeoutMs?: number;
}

export interface LivenessHooks {
  /** Sends one ping (SPDY PING, WebSocket ping). */
  ping(): void;
  /** True while Ferry itself stopped reading (backpressure): silence then proves nothing. */
  paused(): boolean;
  dead(why: string): void;
}

export class Liveness {
  readonly #hooks: LivenessHooks;
  readonly #timeoutMs: number;
  /** Chunks received so far: a cheap counter on the hot path, compared at each check. */
  #rx = 0;
  #rxAtTick = 0;
  #rxAtPing = -1;
  #deadline: NodeJS.Timeout | null = null;
  #interval: NodeJS.Timeout | null = null;
  #waiters: Array<(alive: boolean) => void> | null = null;
  #stopped = false;
  /** What the pending deadline waits an answer to, for the message. */
  #probe = "a ping";

  constructor(o: LivenessOptions, hooks: LivenessHooks) {
    this.#hooks = hooks;
    this.#timeoutMs = o.pingTimeoutMs ?? DEFAULT_PING_TIMEOUT_MS;
    const every = o.pingMs ?? DEFAULT_PING_MS;
    if (every > 0) {
      this.#interval = setInterval(() => {
        if (this.#rx === this.#rxAtTick) this.check();
        this.#rxAtTick = this.#rx;
      }, every);
      this.#interval.unref();
    }
  }

  /** Call for every chunk read from the socket. */
  received(): void {
    this.#rx++;
    if (this.#waiters) this.#settle(true);
  }

  /**
   * Pings now (unless a ping is out already): no byte within the timeout ends the connection.
   * `onResult` hears whether it answered. `answeredBy`: the caller just sent something the far
   * end answers by the same path (a new stream's SYN_STREAM draws a SYN_REPLY), so that is the
   * probe and no ping goes out; only the deadline is set.
   */
  check(onResult?: (alive: boolean) => void, answeredBy?: string): void {
    if (this.#stopped) {
      onResult?.(false);
      return;
    }
    if (onResult) {
      this.#waiters ??= [];
      this.#waiters.push(onResult);
    }
    // A ping still unanswered (nothing received since) covers this check, with an earlier
    // deadline. One answered already says nothing about now: ping again.
    if (this.#deadline && this.#rx === this.#rxAtPing) return;
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#rxAtPing = this.#rx;
    this.#probe = answeredBy ?? "a ping";
    if (!answeredBy) this.#hooks.ping();
    this.#deadline = setTimeout(() => {
      // After a blocked event loop this timer runs before the socket's pending reads: let one
      // poll phase deliver them before judging.
      setImmediate(() => this.#judge());
    }, this.#timeoutMs);
    this.#deadline.unref();
  }

  /** Resolves true once the peer answers, false when it does not within the timeout. */
  verify(): Promise<boolean> {
    return new Promise((resolve) => this.check(resolve));
  }

  stop(): void {
    this.#stopped = true;
    if (this.#interval) clearInterval(this.#interval);
    if (this.#deadline) clearTimeout(this.#deadline);
    this.#interval = null;
    this.#deadline = null;
    this.#settle(false);
  }

  #judge(): void {
    this.#deadline = null;
    if (this.#stopped) return;
    if (this.#rx !== this.#rxAtPing || this.#hooks.paused()) {
      this.#settle(true);
      return;
    }
    this.#settle(false);
    this.#hooks.dead(`no answer to ${this.#probe} within ${this.#timeoutMs / 1000} s`);
  }

  #settle(alive: boolean): void {
    const w = this.#waiters;
    this.#waiters = null;
    if (w) for (const f of w) f(alive);
  }
}
