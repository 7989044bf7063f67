import { type SpacedAttemptsOptions, spacedAttempts } from "../shared/backoff.ts";

export interface DaemonFollowerOptions<L> extends SpacedAttemptsOptions {
  /** Finds the running daemon or starts one (daemonLink's connectDaemon). */
  connect: () => Promise<L>;
  /** Whether a link's daemon still answers; asked before the link is handed to the window. */
  answers: (link: L) => Promise<boolean>;
  /** A new link replaced `previous` (null: the first one). */
  onLinked?: (link: L, previous: L | null) => void;
}

/**
 * Main's link to the daemon, kept current across daemon swaps (`ferry daemon stop` and a new
 * start, a crash, an older ferryd handing over): each one has a new port and token. Whoever sees
 * the link fail (the menu's dropped stream, a refused call) reports it lost; the next caller
 * connects again. Attempts run one at a time for all callers and are spaced by the backoff.
 */
export class DaemonFollower<L> {
  #link: L | null = null;
  #latest: L | null = null;
  #pending: Promise<L> | null = null;
  readonly #attempts;
  readonly #o: DaemonFollowerOptions<L>;

  constructor(options: DaemonFollowerOptions<L>) {
    this.#o = options;
    this.#attempts = spacedAttempts(options.connect, options);
  }

  /** The live link, or the attempt under way; rejects with a failed attempt's error. */
  current(): Promise<L> {
    if (this.#link) return Promise.resolve(this.#link);
    this.#pending ??= this.#attempts.next().then(
      (link) => {
        this.#pending = null;
        const previous = this.#latest;
        this.#link = this.#latest = link;
        this.#o.onLinked?.(link, previous);
        return link;
      },
      (err: unknown) => {
        this.#pending = null;
        throw err;
      },
    );
    return this.#pending;
  }

  /** `link` failed. A report about a link already replaced changes nothing. */
  lost(link: L): void {
    if (this.#link === link) this.#link = null;
  }

  /** Rows flow on the current link: a later loss starts with an attempt at once. */
  live(): void {
    this.#attempts.succeeded();
  }

  /**
   * current(), made sure it answers: the window asks after its own stream dropped, possibly
   * before main's menu noticed, and must not be handed the dead daemon again.
   */
  async checked(): Promise<L> {
    const link = await this.current();
    if (await this.#o.answers(link)) {
      this.live();
      return link;
    }
    this.lost(link);
    return this.current();
  }
}
