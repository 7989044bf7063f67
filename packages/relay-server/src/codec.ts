import type { Writable } from "node:stream";

// The UDP-over-TCP wire format shared by the relay and Ferry's client: every datagram travels as
// a u32 big-endian length followed by that many payload bytes, in both directions.

/** The largest UDP payload over IPv4 (65535 - 20 IP header - 8 UDP header). */
export const MAX_DATAGRAM = 65507;
export const HEADER_BYTES = 4;

export type CodecErrorCode = "FRAME_TOO_LARGE" | "DATAGRAM_TOO_LARGE";

export class CodecError extends Error {
  readonly code: CodecErrorCode;
  /** The size that was refused, in bytes. */
  readonly size: number;
  constructor(code: CodecErrorCode, size: number) {
    super(
      code === "FRAME_TOO_LARGE"
        ? `refused a frame announcing ${size} bytes: a UDP datagram carries at most ${MAX_DATAGRAM}`
        : `refused a datagram of ${size} bytes: a UDP datagram carries at most ${MAX_DATAGRAM}`,
    );
    this.name = "CodecError";
    this.code = code;
    this.size = size;
  }
}

/** One frame (header + payload) in a single buffer, so it goes out in one write. */
export function encodeFrame(payload: Uint8Array): Buffer {
  if (payload.length > MAX_DATAGRAM) throw new CodecError("DATAGRAM_TOO_LARGE", payload.length);
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.set(payload, HEADER_BYTES);
  return frame;
}

/**
 * Writes one frame, coalescing every frame written to the same stream within one tick into a
 * single writev: at tens of thousands of datagrams per second, one syscall each is the bottleneck.
 */
export function writeFrame(stream: Writable, payload: Uint8Array): boolean {
  if (stream.writableCorked === 0) {
    stream.cork();
    process.nextTick(() => stream.uncork());
  }
  return stream.write(encodeFrame(payload));
}

/**
 * Streaming decoder: feed it the TCP stream in chunks of any size; it returns the complete
 * datagrams. Chunks are kept in a list and joined only when a frame spans several of them, so a
 * large frame arriving byte by byte costs linear, not quadratic, copying. After a refused header
 * the decoder stays failed: the stream can no longer be trusted to be in sync.
 */
export class FrameDecoder {
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Payload length of the frame being read, or -1 while its header is incomplete. */
  #want = -1;
  #failed: CodecError | null = null;

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Returns every datagram completed by this chunk; throws CodecError on an oversized header. */
  push(chunk: Uint8Array): Buffer[] {
    if (this.#failed) throw this.#failed;
    if (chunk.length > 0) {
      this.#chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      this.#buffered += chunk.length;
    }
    const out: Buffer[] = [];
    for (;;) {
      if (this.#want < 0) {
        if (this.#buffered < HEADER_BYTES) break;
        const size = this.#take(HEADER_BYTES).readUInt32BE(0);
        if (size > MAX_DATAGRAM) {
          this.#failed = new CodecError("FRAME_TOO_LARGE", size);
          this.#chunks = [];
          this.#buffered = 0;
          throw this.#failed;
        }
        this.#want = size;
      }
      if (this.#buffered < this.#want) break;
      out.push(this.#take(this.#want));
      this.#want = -1;
    }
    return out;
  }

  #take(n: number): Buffer {
    this.#buffered -= n;
    const first = this.#chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first && first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const joined = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const head = this.#chunks[0]!;
      const part = Math.min(head.length, n - at);
      head.copy(joined, at, 0, part);
      at += part;
      if (part === head.length) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(part);
    }
    return joined;
  }
}
