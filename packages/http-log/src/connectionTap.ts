import {
  type CapturedExchange,
  headerPairs,
  headerValue,
  newExchange,
  newMessage,
} from "./capturedExchange.ts";
import { type HeadInfo, type MessageParser, messageParser } from "./httpParser.ts";
import { describeServerFirst, sniffClient } from "./sniff.ts";
import type { ConnectionTap, HttpLogProblem } from "./types.ts";

/** What a tap needs from its logger. */
export interface TapSink {
  /** False once the logger is closed: its taps then step aside at their next chunk. */
  live: boolean;
  bodyCap(): number;
  /** A finished exchange or a note; called synchronously, must be cheap. */
  complete(e: CapturedExchange): void;
  problem(p: HttpLogProblem): void;
}

/** Requests waiting for their responses beyond this stop the tap (bounded memory). */
const MAX_PENDING = 64;
const SNIFF_BYTES = 16;

type Mode = "sniff" | "http" | "await-upgrade" | "off";

function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk)
    ? chunk
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/**
 * What the parser choked on, safe to write: the chunk's first line, cut before any `:` or `?`
 * (a header value or a query may hold a secret), control bytes escaped.
 */
export function excerpt(chunk: Buffer): string {
  const line = chunk
    .subarray(0, 60)
    .toString("latin1")
    .split(/[\r\n]/)[0]!;
  const cut = line.search(/[:?]/);
  const shown = (cut < 0 ? line : `${line.slice(0, cut + 1)}…`).replace(
    /[^\x20-\x7e…]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
  return JSON.stringify(shown);
}

function version(info: HeadInfo): string {
  return `${info.versionMajor}.${info.versionMinor}`;
}

/**
 * Watches both directions of one connection. Requests wait in a FIFO for their responses, so
 * keep-alive and pipelining pair in order; the response parser is told which bodies to skip.
 */
export class HttpConnectionTap implements ConnectionTap {
  private mode: Mode = "sniff";
  private sniffed: Buffer = Buffer.alloc(0);
  private readonly pending: CapturedExchange[] = [];
  /** The request being received (also in `pending`, or already answered early). */
  private current: CapturedExchange | null = null;
  /** The response being received belongs to pending[0]; null while it is interim (1xx). */
  private answering: CapturedExchange | null = null;
  private requestStart: number | null = null;
  private clientBytes = 0;
  private serverBytes = 0;
  private readonly requests: MessageParser;
  private readonly responses: MessageParser;

  private readonly sink: TapSink;
  private readonly clientPort: number;

  constructor(sink: TapSink, clientPort: number) {
    this.sink = sink;
    this.clientPort = clientPort;
    this.requests = messageParser("REQUEST", {
      head: (info) => this.onRequestHead(info),
      body: (b) => this.current?.request?.body.add(b),
      trailers: (flat) => this.current?.request?.trailers.push(...headerPairs(flat)),
      complete: () => this.onRequestComplete(),
    });
    this.responses = messageParser("RESPONSE", {
      head: (info) => this.onResponseHead(info),
      body: (b) => this.answering?.response?.body.add(b),
      trailers: (flat) => this.answering?.response?.trailers.push(...headerPairs(flat)),
      complete: () => this.onResponseComplete(),
    });
  }

  fromClient(chunk: Uint8Array): void {
    if (this.mode === "off" || this.mode === "await-upgrade") return;
    if (!this.sink.live) {
      this.mode = "off";
      return;
    }
    try {
      let buf = asBuffer(chunk);
      if (this.mode === "sniff") {
        buf = this.sniffed.length ? Buffer.concat([this.sniffed, buf]) : buf;
        const verdict = sniffClient(buf.subarray(0, SNIFF_BYTES));
        if (verdict.kind === "more") {
          this.sniffed = Buffer.from(buf);
          return;
        }
        this.sniffed = Buffer.alloc(0);
        if (verdict.kind === "other") {
          this.stepAside(`not HTTP/1 (${verdict.what})`);
          return;
        }
        this.mode = "http";
      }
      this.requestStart ??= Date.now();
      const r = this.requests.execute(buf);
      if (r instanceof Error) {
        this.parseError("request", r, this.clientBytes, buf);
        return;
      }
      this.clientBytes += buf.length;
    } catch (err) {
      this.fail(err);
    }
  }

  fromServer(chunk: Uint8Array): void {
    if (this.mode === "off") return;
    if (!this.sink.live) {
      this.mode = "off";
      return;
    }
    try {
      const buf = asBuffer(chunk);
      // An HTTP server never speaks first.
      if (this.mode === "sniff") {
        this.stepAside(`not HTTP/1 (${describeServerFirst(buf)})`);
        return;
      }
      const r = this.responses.execute(buf);
      if ((this.mode as Mode) === "off") return; // a protocol switch
      if (r instanceof Error) {
        this.parseError("response", r, this.serverBytes, buf);
        return;
      }
      this.serverBytes += buf.length;
    } catch (err) {
      this.fail(err);
    }
  }

  end(): void {
    if (this.mode === "off") return;
    try {
      if (this.mode !== "sniff" && this.answering) {
        const err = this.responses.finish();
        if (err && this.answering)
          this.answering.note = "connection closed before the response was complete";
      }
      this.flushPending("no response: the connection closed");
    } catch (err) {
      this.fail(err);
    }
    this.mode = "off";
  }

  private onRequestHead(info: HeadInfo): boolean {
    if (this.mode === "off") return true;
    const e = newExchange(this.clientPort, this.requestStart ?? Date.now());
    this.requestStart = null;
    e.method = info.method;
    e.target = info.url;
    e.request = newMessage(version(info), headerPairs(info.headers), this.sink.bodyCap());
    this.current = e;
    this.pending.push(e);
    if (this.pending.length > MAX_PENDING) {
      this.stop(
        `more than ${MAX_PENDING} requests waiting for responses; the log stops for this connection`,
      );
    } else if (info.upgrade) {
      // The bytes after an upgrade request belong to the new protocol if the server agrees.
      this.mode = "await-upgrade";
    }
    return false;
  }

  private onRequestComplete(): void {
    const e = this.current;
    if (!e?.request) return;
    e.request.done = true;
    this.current = null;
    if (e.response?.done) this.sink.complete(e);
  }

  private onResponseHead(info: HeadInfo): boolean {
    if (this.mode === "off") return true;
    const status = info.statusCode;
    let e = this.pending[0];
    if (!e) {
      e = newExchange(this.clientPort, Date.now());
      e.note = "response without a request";
      this.pending.push(e);
    }
    if (status >= 100 && status < 200 && status !== 101) {
      e.interim.push(`${status} ${info.statusMessage}`.trim());
      this.answering = null;
      return true;
    }
    this.answering = e;
    e.status = status;
    e.statusText = info.statusMessage;
    e.response = newMessage(version(info), headerPairs(info.headers), this.sink.bodyCap());
    if (status === 101 || (e.method === "CONNECT" && status >= 200 && status < 300)) {
      const upgrade = headerValue(e.response.headers, "upgrade");
      e.note =
        e.method === "CONNECT"
          ? "CONNECT tunnel; the log stops for this connection"
          : upgrade?.toLowerCase() === "websocket"
            ? "websocket upgrade; the log stops for this connection"
            : `upgrade to ${upgrade ?? "another protocol"}; the log stops for this connection`;
      e.responseAt = Date.now();
      e.response.done = true;
      if (e.request) e.request.done = true;
      this.pending.shift();
      this.sink.complete(e);
      this.answering = null;
      this.mode = "off";
      this.flushPending("no response before the protocol switch");
      return true;
    }
    if (this.mode === "await-upgrade") this.mode = "http";
    return e.method === "HEAD" || status === 204 || status === 304;
  }

  private onResponseComplete(): void {
    const e = this.answering;
    if (!e?.response) return; // an interim 1xx
    this.answering = null;
    e.response.done = true;
    e.responseAt = Date.now();
    this.pending.shift();
    if (!e.request || e.request.done) this.sink.complete(e);
  }

  private stepAside(note: string): void {
    const e = newExchange(this.clientPort, Date.now());
    e.note = note;
    this.mode = "off";
    this.sniffed = Buffer.alloc(0);
    this.sink.complete(e);
  }

  private parseError(
    side: "request" | "response",
    err: Error,
    offset: number,
    chunk: Buffer,
  ): void {
    const code = (err as { code?: string }).code ?? err.message;
    this.stop(
      `parse error in the ${side} stream after ${offset} bytes (${code}), in a chunk starting ${excerpt(chunk)}; the log stops for this connection`,
    );
  }

  private stop(note: string): void {
    this.mode = "off";
    this.sink.problem({
      code: "HTTP_LOG_PARSE_STOPPED",
      message: `HTTP log (client port ${this.clientPort}): ${note}`,
    });
    if (this.pending.length === 0) {
      const e = newExchange(this.clientPort, Date.now());
      e.note = note;
      this.sink.complete(e);
    }
    this.flushPending(note);
  }

  private flushPending(note: string): void {
    const left = this.pending.splice(0);
    // A request still arriving after its early response is no longer pending.
    if (this.current && !left.includes(this.current)) left.push(this.current);
    for (const e of left) {
      e.note ??= note;
      this.sink.complete(e);
    }
    this.current = null;
    this.answering = null;
  }

  private fail(err: unknown): void {
    this.mode = "off";
    this.sink.problem({
      code: "HTTP_LOG_TAP_FAILED",
      message: `HTTP log stopped for one connection (client port ${this.clientPort}): ${err instanceof Error ? err.message : String(err)}`,
    });
  }
}
