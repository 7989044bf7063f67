import type { Writable } from "node:stream";
import { ChunkQueue } from "./chunkQueue.ts";
import { CodecError, HEADER_BYTES, MAX_DATAGRAM, writeCorked } from "./codecCommon.ts";

// The UDP-over-TCP wire formats shared by the relay and Ferry's client.
// Legacy framing (this file; kftray's server speaks only this one): every datagram travels as a
// u32 big-endian length followed by that many payload bytes, in both directions; one tunnel
// carries one local peer. Mux framing (muxCodec.ts): the same plus a u32 peer id, so one tunnel
// carries many peers.

export {
  CodecError,
  type CodecErrorCode,
  HEADER_BYTES,
  MAX_DATAGRAM,
  writeCorked,
} from "./codecCommon.ts";

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
  return writeCorked(stream, encodeFrame(payload));
}

/**
 * Streaming decoder: feed it the TCP stream in chunks of any size; it returns the complete
 * datagrams. After a refused header the decoder stays failed: the stream can no longer be trusted
 * to be in sync.
 */
export class FrameDecoder {
  #queue = new ChunkQueue();
  /** Payload length of the frame being read, or -1 while its header is incomplete. */
  #want = -1;
  #failed: CodecError | null = null;

  /** Bytes held while waiting for the rest of a frame. */
  get buffered(): number {
    return this.#queue.length;
  }

  /** Returns every datagram completed by this chunk; throws CodecError on an oversized header. */
  push(chunk: Uint8Array): Buffer[] {
    if (this.#failed) throw this.#failed;
    this.#queue.push(chunk);
    const out: Buffer[] = [];
    for (;;) {
      if (this.#want < 0) {
        if (this.#queue.length < HEADER_BYTES) break;
        const size = this.#queue.take(HEADER_BYTES).readUInt32BE(0);
        if (size > MAX_DATAGRAM) {
          this.#failed = new CodecError("FRAME_TOO_LARGE", size);
          this.#queue.clear();
          throw this.#failed;
        }
        this.#want = size;
      }
      if (this.#queue.length < this.#want) break;
      out.push(this.#queue.take(this.#want));
      this.#want = -1;
    }
    return out;
  }
}

export * from "./muxCodec.ts";
