// WebSocket frames (RFC 6455) from the server, parsed in place: a binary message's payload goes to
// the sink as views of the socket's own chunks, never copied. Only a frame header that straddles
// two reads is copied (at most 14 bytes), and control frames (at most 125 bytes) are gathered.

export const OP_CONTINUATION = 0;
export const OP_BINARY = 2;
export const OP_CLOSE = 8;
export const OP_PING = 9;
export const OP_PONG = 10;

export interface WsSink {
  /** A binary message begins (v4 reads a channel byte first; the SPDY tunnel ignores it). */
  messageStart?(): void;
  /** Binary message bytes in order, in as many views as the reads cut them into. */
  payload(view: Buffer): void;
  /** A complete control frame (close, ping, pong). */
  control(opcode: number, payload: Buffer): void;
  /** The server broke the protocol: nothing more is parsed. */
  fail(why: string): void;
}

const MAX_FRAME = 2 ** 40;

export class WsFrameReader {
  readonly #sink: WsSink;
  readonly #header = Buffer.alloc(14);
  #headerLength = 0;
  #headerNeed = 2;
  /** Payload bytes left in the current frame; -1 while reading a header. */
  #remaining = -1;
  #opcode = 0;
  #inMessage = false;
  #control: Buffer[] = [];
  #stopped = false;

  constructor(sink: WsSink) {
    this.#sink = sink;
  }

  /** A control frame's pieces (views of earlier reads) are gathered until it is whole. */
  get holding(): boolean {
    return this.#control.length > 0;
  }

  /** Stops parsing (the tunnel closed): later chunks are dropped. */
  stop(): void {
    this.#stopped = true;
  }

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length && !this.#stopped) {
      if (this.#remaining < 0) {
        const take = Math.min(this.#headerNeed - this.#headerLength, chunk.length - at);
        chunk.copy(this.#header, this.#headerLength, at, at + take);
        this.#headerLength += take;
        at += take;
        if (this.#headerLength < this.#headerNeed) return;
        if (this.#headerNeed === 2) {
          this.#headerNeed = headerSize(this.#header);
          if (this.#headerLength < this.#headerNeed) continue;
        }
        this.#startFrame();
        continue;
      }
      const take = Math.min(this.#remaining, chunk.length - at);
      const view = chunk.subarray(at, at + take);
      at += take;
      this.#remaining -= take;
      if (this.#opcode >= OP_CLOSE) this.#control.push(view);
      else if (take > 0) this.#sink.payload(view);
      if (this.#remaining === 0) this.#endFrame();
    }
  }

  #fail(why: string): void {
    this.#stopped = true;
    this.#sink.fail(`WebSocket: ${why}`);
  }

  #startFrame(): void {
    const h = this.#header;
    const b0 = h[0] as number;
    const b1 = h[1] as number;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    if (b0 & 0x70) {
      this.#fail("reserved bits set (no extension was negotiated)");
      return;
    }
    if (b1 & 0x80) {
      this.#fail("the server masked a frame");
      return;
    }
    const len7 = b1 & 0x7f;
    let length = len7;
    if (len7 === 126) length = h.readUInt16BE(2);
    else if (len7 === 127) {
      length = h.readUInt32BE(2) * 2 ** 32 + h.readUInt32BE(6);
      if (length > MAX_FRAME) {
        this.#fail(`frame of ${length} bytes`);
        return;
      }
    }
    if (opcode >= OP_CLOSE) {
      if (opcode > OP_PONG) {
        this.#fail(`unknown opcode ${opcode}`);
        return;
      }
      if (!fin || length > 125) {
        this.#fail("fragmented or oversized control frame");
        return;
      }
    } else if (opcode === OP_CONTINUATION) {
      if (!this.#inMessage) {
        this.#fail("continuation frame outside a message");
        return;
      }
    } else if (opcode === OP_BINARY) {
      if (this.#inMessage) {
        this.#fail("new message inside a fragmented one");
        return;
      }
    } else if (opcode === 1) {
      this.#fail("the server sent a text message on a binary tunnel");
      return;
    } else {
      this.#fail(`unknown opcode ${opcode}`);
      return;
    }
    if (opcode < OP_CLOSE) this.#inMessage = !fin;
    if (opcode === OP_BINARY) this.#sink.messageStart?.();
    this.#opcode = opcode;
    this.#headerLength = 0;
    this.#headerNeed = 2;
    this.#remaining = length;
    if (length === 0) this.#endFrame();
  }

  #endFrame(): void {
    this.#remaining = -1;
    if (this.#opcode < OP_CLOSE) return;
    const parts = this.#control;
    this.#control = [];
    this.#sink.control(
      this.#opcode,
      parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts),
    );
  }
}

function headerSize(h: Buffer): number {
  const len7 = (h[1] as number) & 0x7f;
  const ext = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
  return 2 + ext + ((h[1] as number) & 0x80 ? 4 : 0);
}

/**
 * A client frame's header (FIN set, masked as RFC 6455 requires of clients). `mask` is the key
 * the caller applied to the payload: zeros inside TLS, where masking protects no intermediary.
 */
export function wsFrameHeader(opcode: number, length: number, mask: Buffer, extra = 0): Buffer {
  const ext = length < 126 ? 0 : length < 65536 ? 2 : 8;
  const h = Buffer.allocUnsafe(2 + ext + 4 + extra);
  h[0] = 0x80 | opcode;
  if (ext === 0) h[1] = 0x80 | length;
  else if (ext === 2) {
    h[1] = 0x80 | 126;
    h.writeUInt16BE(length, 2);
  } else {
    h[1] = 0x80 | 127;
    h.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    h.writeUInt32BE(length >>> 0, 6);
  }
  mask.copy(h, 2 + ext);
  return h;
}

/** XORs `data` with `mask` into a new buffer (plain-HTTP API servers only). */
export function masked(data: Buffer, mask: Buffer, offset = 0): Buffer {
  const out = Buffer.allocUnsafe(data.length);
  for (let i = 0; i < data.length; i++)
    out[i] = (data[i] as number) ^ (mask[(i + offset) & 3] as number);
  return out;
}
