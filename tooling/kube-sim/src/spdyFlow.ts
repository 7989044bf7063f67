// Kubelet-like flow control for a spdy-transport connection. The kubelet and kubectl speak SPDY
// through moby/spdystream, which never sends WINDOW_UPDATE and ignores the ones it gets. A sender
// that honours SPDY windows (spdy-transport does) therefore stops after the 64 KiB initial window
// and waits forever. So, like the kubelet:
// - sending never waits on a window (session or stream, whatever SETTINGS say) and a write goes out
//   as one DATA frame; backpressure comes from the socket instead: a stream write completes only
//   while the frames queued for the socket stay under HIGH_WATER, so a slow reader at the far end
//   backs up through the TLS socket to the pod socket that pipes into the stream;
// - no WINDOW_UPDATE is sent;
// - receiving: a stream whose reader is full stops the reading of the whole connection (spdystream
//   blocks its frame loop on an unbuffered channel), so a slow pod backs up to the client's socket.
import type { Duplex } from "node:stream";

/** Bytes of frames allowed to wait for the socket before stream writes hold their callbacks. */
const HIGH_WATER = 1024 * 1024;
/** SPDY DATA length is 24 bits: the most one frame may carry. */
const MAX_FRAME = 0xffffff;

// biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
type Any = any;

/** A window side that never blocks, never splits a write, and ignores updates and SETTINGS. */
function unlimited(side: Any) {
  side.update = (_delta: number, callback?: () => void) => {
    if (callback) process.nextTick(callback);
  };
  side.getCurrent = () => MAX_FRAME;
}

export type KubeletFlow = {
  /** Call on every new stream, before it is written to. */
  adopt(stream: Any): void;
  /** From now on a full read buffer on `stream` pauses reading the connection (call once piped). */
  throttleReads(stream: Any): void;
};

export function kubeletFlow(conn: Any, socket: Duplex): KubeletFlow {
  const state = conn._spdyState;
  const { framer, parser } = state;
  unlimited(state.window.send);
  framer.windowUpdateFrame = (_frame: unknown, callback?: (err: null) => void) => {
    if (callback) process.nextTick(callback, null);
  };

  const waiting: (() => void)[] = [];
  const release = () => {
    if (framer.readableLength > HIGH_WATER && !socket.destroyed) return;
    for (const w of waiting.splice(0)) w();
  };
  // Registered after spdy-transport's pipe(), so the framer has refilled the socket by now.
  socket.on("drain", release);
  socket.on("close", release);

  const full = new Set<Any>();
  const unblock = (stream: Any) => {
    if (full.delete(stream) && full.size === 0) parser.resume();
  };

  return {
    adopt(stream) {
      unlimited(stream._spdyState.window.send);
      const write = stream._write;
      stream._write = (chunk: Buffer, enc: string, cb: (err?: Error | null) => void) =>
        write.call(stream, chunk, enc, (err?: Error | null) => {
          if (err || framer.readableLength <= HIGH_WATER || socket.destroyed) return cb(err);
          waiting.push(() => cb());
        });
    },
    throttleReads(stream) {
      const push = stream.push;
      stream.push = (chunk: Buffer | null) => {
        const ok = push.call(stream, chunk);
        if (!ok && chunk !== null) {
          full.add(stream);
          parser.pause();
        }
        return ok;
      };
      const read = stream._read;
      stream._read = (n: number) => {
        read.call(stream, n);
        unblock(stream);
      };
      stream.on("close", () => unblock(stream));
    },
  };
}
