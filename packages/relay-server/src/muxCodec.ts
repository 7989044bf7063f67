// Mux framing: many local UDP peers over one tunnel. Each datagram travels as
//   u32 big-endian payload length | u32 big-endian peer id | payload (0..65507 bytes)
// in both directions. The client picks the peer ids (one per local source address and port);
// the relay keeps one UDP socket per peer id and frames every reply with the id of the socket it
// came in on, so a reply reaches only the peer that owns the id.
import type { Writable } from "node:stream";
import { ChunkQueue } from "./chunkQueue.ts";
import { CodecError, MAX_DATAGRAM, writeCorked } from "./codecCommon.ts";

export const MUX_HEADER_BYTES = 8;
export const MAX_PEER_ID = 0xffffffff;

/** The two framings, chosen by the relay's `UDP_FRAMING` environment variable. */
export type UdpFraming = "mux" | "legacy";
export const UDP_FRAMING_ENV = "UDP_FRAMING";
/**
 * Without `UDP_FRAMING` the relay speaks the legacy framing, so a manifest that does not set it
 * means the same to both ends: the client reads the same env entry of the manifest it renders.
 */
export const DEFAULT_UDP_FRAMING: UdpFraming = "legacy";

export interface MuxDatagram {
  peer: number;
  payload: Buffer;
}

/** One mux frame (header + payload) in a single buffer. */
export function encodeMuxFrame(peer: number, payload: Uint8Array): Buffer {
  if (!Number.isInteger(peer) || peer < 0 || peer > MAX_PEER_ID)
    throw new CodecError("INVALID_PEER_ID", peer);
  if (payload.length > MAX_DATAGRAM) throw new CodecError("DATAGRAM_TOO_LARGE", payload.length);
  const frame = Buffer.allocUnsafe(MUX_HEADER_BYTES + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  frame.writeUInt32BE(peer, 4);
  frame.set(payload, MUX_HEADER_BYTES);
  return frame;
}

/** Writes one mux frame; frames written within one tick go out in one writev. */
export function writeMuxFrame(stream: Writable, peer: number, payload: Uint8Array): boolean {
  return writeCorked(stream, encodeMuxFrame(peer, payload));
}

/**
 * Streaming decoder for mux frames, chunks of any size in, complete datagrams with their peer id
 * out. A header announcing more than 65507 bytes throws CodecError (FRAME_TOO_LARGE) and the
 * decoder stays failed, as the legacy one does.
 */
export class MuxFrameDecoder {
  #queue = new ChunkQueue();
  #want = -1;
  #peer = 0;
  #failed: CodecError | null = null;

  get buffered(): number {
    return this.#queue.length;
  }

  push(chunk: Uint8Array): MuxDatagram[] {
    if (this.#failed) throw this.#failed;
    this.#queue.push(chunk);
    const out: MuxDatagram[] = [];
    for (;;) {
      if (this.#want < 0) {
        if (this.#queue.length < MUX_HEADER_BYTES) break;
        const header = this.#queue.take(MUX_HEADER_BYTES);
        const size = header.readUInt32BE(0);
        if (size > MAX_DATAGRAM) {
          this.#failed = new CodecError("FRAME_TOO_LARGE", size);
          this.#queue.clear();
          throw this.#failed;
        }
        this.#want = size;
        this.#peer = header.readUInt32BE(4);
      }
      if (this.#queue.length < this.#want) break;
      out.push({ peer: this.#peer, payload: this.#queue.take(this.#want) });
      this.#want = -1;
    }
    return out;
  }
}
