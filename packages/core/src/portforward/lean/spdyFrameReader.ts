// SPDY/3.1 frames from a byte stream made of views (the WebSocket payloads), parsed in place:
// DATA payloads go to the sink as views of those same buffers, in as many pieces as the reads
// cut them into. Only a frame header that straddles two views is copied (8 bytes), and control
// frames (small: replies, resets, pings) are gathered.

export const SPDY_VERSION = 3;
export const FLAG_FIN = 0x01;

export const SYN_STREAM = 1;
export const SYN_REPLY = 2;
export const RST_STREAM = 3;
export const SETTINGS = 4;
export const PING = 6;
export const GOAWAY = 7;
export const HEADERS = 8;
export const WINDOW_UPDATE = 9;

const EMPTY = Buffer.alloc(0);

/** Control frames are a few dozen bytes; anything this large is a broken peer. */
const MAX_CONTROL = 1 << 20;

export interface SpdySink {
  /** A piece of a DATA frame's payload; `fin` on the frame's last piece (maybe empty). */
  data(streamId: number, view: Buffer, fin: boolean): void;
  control(type: number, flags: number, body: Buffer): void;
  fail(why: string): void;
}

export class SpdyFrameReader {
  readonly #sink: SpdySink;
  readonly #header = Buffer.alloc(8);
  #headerLength = 0;
  /** Payload bytes left in the current frame; -1 while reading a header. */
  #remaining = -1;
  #control = false;
  #type = 0;
  #flags = 0;
  #streamId = 0;
  #body: Buffer[] = [];
  #stopped = false;

  constructor(sink: SpdySink) {
    this.#sink = sink;
  }

  /** A control frame's pieces (views of earlier reads) are gathered until it is whole. */
  get holding(): boolean {
    return this.#body.length > 0;
  }

  stop(): void {
    this.#stopped = true;
  }

  push(view: Buffer): void {
    let at = 0;
    while (at < view.length && !this.#stopped) {
      if (this.#remaining < 0) {
        if (this.#headerLength === 0 && view.length - at >= 8) {
          this.#startFrame(view, at);
          at += 8;
          continue;
        }
        const take = Math.min(8 - this.#headerLength, view.length - at);
        view.copy(this.#header, this.#headerLength, at, at + take);
        this.#headerLength += take;
        at += take;
        if (this.#headerLength === 8) {
          this.#headerLength = 0;
          this.#startFrame(this.#header, 0);
        }
        continue;
      }
      const take = Math.min(this.#remaining, view.length - at);
      const piece = view.subarray(at, at + take);
      at += take;
      this.#remaining -= take;
      if (this.#control) this.#body.push(piece);
      else if (this.#remaining === 0) {
        this.#remaining = -1;
        this.#sink.data(this.#streamId, piece, (this.#flags & FLAG_FIN) !== 0);
        continue;
      } else this.#sink.data(this.#streamId, piece, false);
      if (this.#remaining === 0) this.#endControl();
    }
  }

  #fail(why: string): void {
    this.#stopped = true;
    this.#sink.fail(`SPDY: ${why}`);
  }

  #startFrame(b: Buffer, at: number): void {
    const word = b.readUInt32BE(at);
    this.#flags = b[at + 4] as number;
    const length = b.readUIntBE(at + 5, 3);
    this.#control = (word & 0x80000000) !== 0;
    if (this.#control) {
      const version = (word >>> 16) & 0x7fff;
      if (version !== SPDY_VERSION) {
        this.#fail(`version ${version} (expected 3)`);
        return;
      }
      if (length > MAX_CONTROL) {
        this.#fail(`control frame of ${length} bytes`);
        return;
      }
      this.#type = word & 0xffff;
      this.#remaining = length;
      if (length === 0) this.#endControl();
      return;
    }
    this.#streamId = word & 0x7fffffff;
    if (this.#streamId === 0) {
      this.#fail("DATA frame on stream 0");
      return;
    }
    this.#remaining = length;
    if (length === 0) {
      this.#remaining = -1;
      this.#sink.data(this.#streamId, EMPTY, (this.#flags & FLAG_FIN) !== 0);
    }
  }

  #endControl(): void {
    this.#remaining = -1;
    const parts = this.#body;
    this.#body = [];
    const body = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    this.#sink.control(this.#type, this.#flags, body);
  }
}
