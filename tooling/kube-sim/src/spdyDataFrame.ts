// spdy-transport's DATA framer allocates each frame with `new Buffer(n)`: zero-filled, and behind
// Node's deprecation check, for bytes it overwrites at once (header, then the payload copied in).
// On a relay tunnel that is once per UDP datagram (bench/udp). The same bytes, allocated unzeroed.
// biome-ignore lint/suspicious/noExplicitAny: spdy-transport ships no types.
type Any = any;

export type DataFrame = { id: number; priority: unknown; fin: boolean; data: Buffer };

/** SPDY/3 DATA frame: stream id (31 bits), flags (FIN = 1), 24-bit length, payload. */
export function encodeDataFrame(frame: DataFrame): Buffer {
  const len = frame.data.length;
  const buf = Buffer.allocUnsafe(8 + len);
  buf.writeUInt32BE(frame.id & 0x7fffffff, 0);
  buf[4] = frame.fin ? 0x01 : 0x00;
  buf.writeUIntBE(len, 5, 3);
  frame.data.copy(buf, 8);
  return buf;
}

/** Replaces a spdy-transport SPDY framer's dataFrame; the rest is its own code's order of steps. */
export function leanDataFrames(framer: Any): void {
  framer.dataFrame = function dataFrame(frame: DataFrame, callback?: (err: null) => void) {
    if (!this.version) return this.on("version", () => this.dataFrame(frame, callback));
    const toWrite = {
      stream: frame.id,
      priority: frame.priority,
      chunks: [encodeDataFrame(frame)],
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
