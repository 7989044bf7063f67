import type { Socket } from "node:net";
import { CodecError, MAX_DATAGRAM } from "./codecCommon.ts";
import type { Log } from "./log.ts";

/** Datagrams handed to the kernel but not yet sent; above this the TCP side is paused. */
const MAX_SENDS_IN_FLIGHT = 256;
/** Bytes queued towards the client; above this, datagrams from the remote are dropped (UDP may lose). */
const MAX_QUEUED_TO_CLIENT = 4 * 1024 * 1024;

/**
 * The flow control and counters of one UDP tunnel, either framing. Memory stays bounded both
 * ways: the TCP reader pauses while too many sends are pending, and replies are dropped (and
 * counted) when the client cannot keep up.
 */
export class TunnelFlow {
  up = 0;
  down = 0;
  dropped = 0;
  #inFlight = 0;
  readonly #client: Socket;
  readonly #log: Log;
  readonly #tag: string;
  readonly #open: () => boolean;

  constructor(client: Socket, log: Log, tag: string, open: () => boolean) {
    this.#client = client;
    this.#log = log;
    this.#tag = tag;
    this.#open = open;
  }

  /** The frames a chunk completes, or null after closing the tunnel on a refused header. */
  decode<T>(push: (chunk: Buffer) => T[], chunk: Buffer): T[] | null {
    try {
      return push(chunk);
    } catch (err) {
      if (!(err instanceof CodecError)) throw err;
      this.#log("warn", `${this.#tag} ${err.message}; closing the tunnel`);
      this.#client.destroy();
      return null;
    }
  }

  /** Counts one datagram handed to a UDP socket; call the returned function once it is sent. */
  sending(): () => void {
    this.#inFlight += 1;
    this.up += 1;
    return this.#sent;
  }

  /** After a chunk's sends: pause the client while too many are pending. */
  pauseIfBusy(): void {
    if (this.#inFlight >= MAX_SENDS_IN_FLIGHT) this.#client.pause();
  }

  /** Whether a reply from the remote may be framed back now (else it is dropped and counted). */
  mayReply(msg: Buffer): boolean {
    if (msg.length > MAX_DATAGRAM || this.#client.writableLength > MAX_QUEUED_TO_CLIENT) {
      this.dropped += 1;
      if (this.dropped === 1)
        this.#log("warn", `${this.#tag} dropping datagrams: client too slow or datagram too large`);
      return false;
    }
    this.down += 1;
    return true;
  }

  #sent = () => {
    this.#inFlight -= 1;
    if (this.#inFlight < MAX_SENDS_IN_FLIGHT / 2 && this.#client.isPaused() && this.#open())
      this.#client.resume();
  };
}
