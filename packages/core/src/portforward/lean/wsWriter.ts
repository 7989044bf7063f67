// Client WebSocket frames onto the upgraded socket, for the lean tunnel and the lean v4 stream.
// Inside TLS the mask is zero (RFC 6455 masking protects intermediaries that read frames; none
// can), so a payload goes out as the caller's own buffer beside a small header buffer; writes of
// one event-loop turn leave together (the socket is corked until the next tick: one writev).

import { randomBytes } from "node:crypto";
import type { Socket } from "node:net";
import { masked, OP_BINARY, OP_CLOSE, wsFrameHeader } from "./wsFrameReader.ts";

const ZERO_MASK = Buffer.alloc(4);

/** Bytes in one payload or in several views sent as one. */
export function payloadLength(payload: Buffer | readonly Buffer[]): number {
  if (Buffer.isBuffer(payload)) return payload.length;
  let n = 0;
  for (const p of payload) n += p.length;
  return n;
}

export class WsWriter {
  readonly #socket: Socket;
  readonly #secure: boolean;
  #corked = false;

  constructor(socket: Socket, secure: boolean) {
    this.#socket = socket;
    this.#secure = secure;
  }

  /** Bytes written but not yet taken by the kernel. */
  get queued(): number {
    return this.#socket.writableLength;
  }

  /**
   * One binary message: `prefixLength` bytes that `fill` writes (a SPDY DATA header, a v4
   * channel byte) in the header's own buffer, then `payload` as is.
   */
  message(
    prefixLength: number,
    fill: (into: Buffer, at: number) => void,
    payload: Buffer | readonly Buffer[],
  ): void {
    if (this.#socket.destroyed) return;
    if (this.#secure) {
      const length = prefixLength + payloadLength(payload);
      const header = wsFrameHeader(OP_BINARY, length, ZERO_MASK, prefixLength);
      fill(header, header.length - prefixLength);
      this.#write(header);
      if (Buffer.isBuffer(payload)) {
        if (payload.length > 0) this.#write(payload);
      } else for (const p of payload) if (p.length > 0) this.#write(p);
      return;
    }
    const prefix = Buffer.allocUnsafe(prefixLength);
    fill(prefix, 0);
    this.frame(OP_BINARY, prefix, Buffer.isBuffer(payload) ? payload : Buffer.concat(payload));
  }

  /** One frame whose payload is `first` then `second`. */
  frame(op: number, first: Buffer, second?: Buffer): void {
    if (this.#socket.destroyed) return;
    const length = first.length + (second?.length ?? 0);
    const mask = this.#secure ? ZERO_MASK : randomBytes(4);
    this.#write(wsFrameHeader(op, length, mask));
    if (first.length > 0) this.#write(this.#secure ? first : masked(first, mask));
    if (second && second.length > 0)
      this.#write(this.#secure ? second : masked(second, mask, first.length));
  }

  /** Sends a close frame (1000) and ends the socket; a peer that holds it open is cut at 2 s. */
  close(): void {
    if (this.#socket.destroyed) return;
    this.frame(OP_CLOSE, Buffer.from([0x03, 0xe8]));
    this.#socket.end();
    setTimeout(() => this.#socket.destroy(), 2000).unref();
  }

  #write(b: Buffer): void {
    if (!this.#corked) {
      this.#corked = true;
      this.#socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        this.#socket.uncork();
      });
    }
    this.#socket.write(b);
  }
}
