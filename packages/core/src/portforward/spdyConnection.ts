// A SPDY/3.1 client session (spdy-transport does the framing and zlib headers) adjusted to the
// peer at the far end of a Kubernetes port-forward: the kubelet's moby/spdystream, which has no
// flow control (it never sends WINDOW_UPDATE and ignores those it gets) and answers SYN_STREAM
// with a SYN_REPLY that carries no headers at all.

import { createRequire } from "node:module";
import type { Duplex } from "node:stream";
import { headerDeflate, headerInflate } from "./headerZlib.ts";

const require = createRequire(import.meta.url);

/** The slice of spdy-transport's stream this package uses (the library ships no types). */
export interface SpdyStream extends Duplex {
  id: number;
  on(event: "response", listener: (status: number, headers: Record<string, string>) => void): this;
  on(event: string | symbol, listener: (...args: never[]) => void): this;
  once(event: string | symbol, listener: (...args: never[]) => void): this;
  abort(): void;
}

export interface SpdySession {
  request(options: {
    method: string;
    path: string;
    host: string;
    headers: Record<string, string>;
    writable?: boolean;
  }): SpdyStream;
  start(version: number): void;
  on(event: "error", listener: (err: Error) => void): this;
  on(event: "close", listener: () => void): this;
  /** Bytes framed but not yet taken by the socket. */
  queuedBytes(): number;
}

interface WindowSide {
  current: number;
  max: number;
  limit: number;
  setMax: (n: number) => void;
  updateMax: (n: number) => void;
  update: (delta: number, cb?: () => void) => void;
}

// biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
type Untyped = any;
let transport: Untyped;

/**
 * A send window that never runs out, as spdystream's peers (kubelet, kubectl) behave, and that
 * lets a write through in the same tick (spdy-transport defers every window check by one).
 */
function unbounded(side: WindowSide): void {
  side.current = Number.POSITIVE_INFINITY;
  side.max = Number.POSITIVE_INFINITY;
  side.limit = Number.POSITIVE_INFINITY;
  // A SETTINGS frame's initial_window_size must not bring a limit back.
  side.setMax = () => {};
  side.updateMax = () => {};
  side.update = (_delta, cb) => cb?.();
}

export function createSpdySession(socket: Duplex): SpdySession {
  transport ??= require("spdy-transport");
  const conn: Untyped = transport.connection.create(socket, {
    protocol: "spdy",
    isServer: false,
    // One DATA frame per write instead of 8 KiB pieces: the peer takes any size up to 16 MiB.
    maxChunk: false,
  });
  const state = conn._spdyState;
  unbounded(state.window.send);
  unbounded(state.streamWindow.send);
  // The peer ignores WINDOW_UPDATE: sending one per half-window read is pure overhead.
  state.framer.windowUpdateFrame = (_frame: unknown, cb?: (err: null) => void) => {
    if (cb) process.nextTick(cb, null);
  };
  // spdystream replies with no headers; spdy-transport requires ":status" in a reply.
  const parser = state.parser;
  const parseKVs = parser.parseKVs.bind(parser);
  parser.parseKVs = (body: unknown, cb: (err: Error | null, h?: Record<string, string>) => void) =>
    parseKVs(body, (err: Error | null, h?: Record<string, string>) =>
      cb(err, h ? { ":status": "200", ...h } : h),
    );
  const session: SpdySession = {
    request: (options) => {
      // reserveStream + send() at once: request() would wait a tick to send the SYN_STREAM, and
      // a connection's two SYN_STREAMs would leave in separate messages.
      const stream = conn.reserveStream(options);
      unbounded(stream._spdyState.window.send);
      stream.send();
      return stream;
    },
    start: (version) => {
      conn.start(version);
      // start() set up spdy-transport's async zlib pair; swap in synchronous codecs.
      const dictionary = transport.protocol.spdy.dictionary[version] as Buffer;
      state.framer.compress = headerDeflate(dictionary);
      state.parser.decompress = headerInflate(dictionary);
    },
    // The framer pushes every frame into its readable buffer at once (no backoff of its own).
    queuedBytes: () => state.framer._readableState.length as number,
    on(event: string, listener: (...args: never[]) => void) {
      conn.on(event, listener);
      return session;
    },
  };
  return session;
}
