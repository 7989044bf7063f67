// spdy-transport's DATA framer allocates each frame with `new Buffer(n)`: zero-filled, and behind
// Node's deprecation check, for bytes it overwrites at once (header, then the payload copied in).
// On a relay tunnel that is once per UDP datagram (bench/udp). Here the same bytes are two chunks,
// the 8-byte header and the payload itself, not copied: the copy and its allocation were 11 % of
// kube-sim's busy time in the 1 GiB throughput row, and the 64 KiB allocations drove its GC
// (bench/RESULTS.md). The socket below (wsDuplex, or the TLS socket) writes both in one writev.
// biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
type Any = any;

export type DataFrame = { id: number; priority: unknown; fin: boolean; data: Buffer };

/**
 * The payloads handed to the framer, which only the tunnel's socket still reads: once it has
 * written them, their memory can go (wsDuplex.ts releases them).
 */
const payloads = new WeakSet<Buffer>();

/**
 * Frees a written payload's memory now rather than at the next GC, when it is all of its
 * ArrayBuffer (a pod socket's read is): each read is 64 KiB outside V8's heap, and left to the GC
 * they were most of kube-sim's GC time in the 1 GiB row (bench/RESULTS.md, session 6).
 */
export function releaseWrittenPayload(chunk: Buffer): void {
  if (!payloads.has(chunk)) return;
  payloads.delete(chunk);
  const ab = chunk.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (chunk.byteOffset !== 0 || ab.byteLength !== chunk.length) return;
  if (ab instanceof ArrayBuffer && typeof ab.transfer === "function") ab.transfer(0);
}

/** SPDY/3 DATA frame: stream id (31 bits), flags (FIN = 1), 24-bit length; then the payload. */
export function dataFrameChunks(frame: DataFrame): Buffer[] {
  const len = frame.data.length;
  if (len > 0) payloads.add(frame.data);
  const head = Buffer.allocUnsafe(8);
  head.writeUInt32BE(frame.id & 0x7fffffff, 0);
  head[4] = frame.fin ? 0x01 : 0x00;
  head.writeUIntBE(len, 5, 3);
  return len === 0 ? [head] : [head, frame.data];
}

/** Replaces a spdy-transport SPDY framer's dataFrame; the rest is its own code's order of steps. */
export function leanDataFrames(framer: Any): void {
  framer.dataFrame = function dataFrame(frame: DataFrame, callback?: (err: null) => void) {
    if (!this.version) return this.on("version", () => this.dataFrame(frame, callback));
    const toWrite = {
      stream: frame.id,
      priority: frame.priority,
      chunks: dataFrameChunks(frame),
      callback,
    };
    this._resetTimeout();
    // Below 3.1 there is no flow control; from 3.1 the send window (kubeletFlow's: never blocks).
    if (this.version < 3.1) {
      this.window.send.update(-frame.data.length);
      this._resetTimeout();
      this.schedule(toWrite);
      return;
    }
    this.window.send.update(-frame.data.length, () => {
      this._resetTimeout();
      this.schedule(toWrite);
    });
  };
}
