// The spare stream (v4 only): while connections arrive, one stream to the current pod is opened
// ahead, so the next connection skips the TLS + upgrade round trips; a connection arriving while
// it is still opening claims it. An unused spare is closed after a while and not replaced until
// the next connection, so idle forwards hold nothing open in the pod.

import type { ForwardStream } from "../portforward/podConnector.ts";
import type { Chosen } from "./podChoice.ts";

/**
 * An unused spare is closed after this long and not replaced until the next connection: idle
 * forwards hold no stream, and apps with short handshake timeouts do not see a stale one used.
 */
const SPARE_TTL_MS = 5000;

interface Spare {
  stream: ForwardStream;
  pod: string;
  timer: NodeJS.Timeout;
}

const stale = (s: ForwardStream) => s.destroyed || s.remoteClosed || !!s.errored;

/**
 * A spare opened before the network went away (sleep, a NAT that forgot the flow) looks open and
 * is dead: one ping round trip proves it answers (still cheaper than TLS and an upgrade).
 */
async function answering(s: ForwardStream): Promise<ForwardStream | null> {
  if (!s.verify || (await s.verify())) return s;
  s.destroy();
  return null;
}

export class SpareStreams {
  readonly #open: (chosen: Chosen) => Promise<ForwardStream>;
  #spare: Spare | null = null;
  /** A spare being opened; a connection arriving meanwhile claims it instead of opening another. */
  #opening: { pod: string; stream: Promise<ForwardStream | null>; claimed: boolean } | null = null;
  #closed = false;
  readonly #claimWaitMs: number;

  /** `claimWaitMs`: how long a connection waits for a spare still opening (the ping timeout). */
  constructor(open: (chosen: Chosen) => Promise<ForwardStream>, claimWaitMs = 5000) {
    this.#open = open;
    this.#claimWaitMs = claimWaitMs;
  }

  /** The spare (ready or still opening) for `pod`, if it is still good. */
  async take(pod: string): Promise<ForwardStream | null> {
    const sp = this.#spare;
    if (sp) {
      this.#spare = null;
      clearTimeout(sp.timer);
      if (sp.pod === pod && !stale(sp.stream)) return answering(sp.stream);
      sp.stream.destroy();
    }
    const opening = this.#opening;
    if (!opening || opening.claimed || opening.pod !== pod) return null;
    opening.claimed = true;
    // An upgrade caught by a network that went silent would hold this connection until its own
    // timeout: wait for it only as long as a ping may take, then open a fresh one.
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<"late">((r) => {
      timer = setTimeout(() => r("late"), this.#claimWaitMs);
    });
    const s0 = await Promise.race([opening.stream, late]);
    clearTimeout(timer);
    if (s0 === "late") {
      void opening.stream.then((x) => x?.destroy());
      return null;
    }
    const s = s0;
    if (!s || stale(s)) {
      s?.destroy();
      return null;
    }
    return s;
  }

  /** Opens the next spare to `chosen` unless one is there or opening. */
  refill(chosen: Chosen): void {
    if (this.#closed || this.#spare || this.#opening) return;
    const opening = {
      pod: chosen.name,
      claimed: false,
      stream: this.#open(chosen).catch(() => null),
    };
    this.#opening = opening;
    void opening.stream.then((stream) => {
      if (this.#opening === opening) this.#opening = null;
      if (!stream || opening.claimed) return;
      if (this.#closed || stream.destroyed || this.#spare) return void stream.destroy();
      const timer = setTimeout(() => {
        if (this.#spare?.stream === stream) this.#spare = null;
        stream.destroy();
      }, SPARE_TTL_MS);
      timer.unref();
      stream.once("close", () => {
        if (this.#spare?.stream !== stream) return;
        clearTimeout(timer);
        this.#spare = null;
      });
      this.#spare = { stream, pod: chosen.name, timer };
    });
  }

  close(): void {
    this.#closed = true;
    const sp = this.#spare;
    this.#spare = null;
    if (!sp) return;
    clearTimeout(sp.timer);
    sp.stream.destroy();
  }
}
