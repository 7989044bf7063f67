// Writes to a socket made within one turn of the event loop go out together. spdy-transport hands
// each DATA frame to its stream in its own tick, and a pipe writes each one at once: a syscall per
// frame, per UDP datagram on a relay tunnel. The kubelet's io.Copy makes a syscall per read, but
// over the wire that is the same byte stream; here it was most of the sim's CPU (bench/udp).
import type { Writable } from "node:stream";

/**
 * Returns a function to call before each write to `dst`: the first call in a turn corks `dst`,
 * and setImmediate (after the poll phase has delivered every frame of this turn's reads) uncorks it.
 */
export function writeCoalescer(dst: Writable): () => void {
  let corked = false;
  const flush = () => {
    corked = false;
    dst.uncork();
  };
  return () => {
    if (corked || dst.writableEnded || dst.destroyed) return;
    corked = true;
    dst.cork();
    setImmediate(flush);
  };
}

/** Every write to `dst` through the coalescer: for a stream that another library pipes into. */
export function coalesceEveryWrite(dst: Writable): void {
  const coalesce = writeCoalescer(dst);
  const write = dst.write;
  dst.write = function (this: Writable, ...args: Parameters<Writable["write"]>) {
    coalesce();
    return write.apply(this, args);
  } as Writable["write"];
}
