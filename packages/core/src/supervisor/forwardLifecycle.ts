// What every forward (TCP, UDP relay, proxy relay) shares: its state, error and time of the last
// change, one `status` event per real change (a repeated state with the same error is not news),
// and its `log` lines. The forward supplies the rest of its status.

import type { ForwardError, ForwardEvent, ForwardState, ForwardStatus } from "../types.ts";

export type LogLevel = "info" | "warn" | "error";

export class ForwardLifecycle {
  state: ForwardState = "stopped";
  error: ForwardError | null = null;
  since = Date.now();
  readonly #id: number;
  readonly #emit: (event: ForwardEvent) => void;
  readonly #status: () => ForwardStatus;

  constructor(id: number, emit: (event: ForwardEvent) => void, status: () => ForwardStatus) {
    this.#id = id;
    this.#emit = emit;
    this.#status = status;
  }

  /** Sets the state; emits a `status` event unless state and error are what they were. */
  set(state: ForwardState, error: ForwardError | null): void {
    const same =
      state === this.state &&
      error?.code === this.error?.code &&
      error?.message === this.error?.message;
    this.state = state;
    this.error = error;
    if (same) return;
    this.since = Date.now();
    this.changed();
  }

  /** Emits the current status (e.g. after a pod change within one state). */
  changed(): void {
    this.#emit({ type: "status", status: this.#status() });
  }

  log(level: LogLevel, message: string): void {
    this.#emit({ type: "log", id: this.#id, level, message, at: Date.now() });
  }
}
