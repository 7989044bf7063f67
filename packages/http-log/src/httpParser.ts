import { HTTPParser } from "http-parser-js";

export interface HeadInfo {
  versionMajor: number;
  versionMinor: number;
  headers: string[];
  method: string;
  url: string;
  statusCode: number;
  statusMessage: string;
  upgrade: boolean;
}

export interface ParserHandlers {
  /** Return true to tell the parser the message has no body (HEAD, 1xx, 204, 304). */
  head(info: HeadInfo): boolean;
  body(chunk: Buffer): void;
  trailers(flat: string[]): void;
  complete(): void;
}

export interface MessageParser {
  /** Bytes consumed, or the parser's error. */
  execute(chunk: Buffer): number | Error;
  /** The connection ended: completes a message that runs to close, or says what was cut. */
  finish(): Error | undefined;
}

/** One direction of HTTP/1.x through http-parser-js (a maintained pure-JS parser). */
export function messageParser(kind: "REQUEST" | "RESPONSE", h: ParserHandlers): MessageParser {
  const p = new HTTPParser(kind === "REQUEST" ? HTTPParser.REQUEST : HTTPParser.RESPONSE);
  // Node-0.12 style callback: one info object. Older style (positional) is handled too, since
  // another module in the process may flip http-parser-js's global compatibility switch.
  p[HTTPParser.kOnHeadersComplete] = (...args: unknown[]) => {
    const a = args[0];
    const info =
      typeof a === "object" && a !== null
        ? (a as Record<string, unknown>)
        : {
            versionMajor: args[0],
            versionMinor: args[1],
            headers: args[2],
            method: args[3],
            url: args[4],
            statusCode: args[5],
            statusMessage: args[6],
            upgrade: args[7],
          };
    const m = info.method;
    return h.head({
      versionMajor: Number(info.versionMajor),
      versionMinor: Number(info.versionMinor),
      headers: (info.headers as string[]) ?? [],
      method: typeof m === "number" ? (HTTPParser.methods[m] ?? "") : String(m ?? ""),
      url: String(info.url ?? ""),
      statusCode: Number(info.statusCode ?? 0),
      statusMessage: String(info.statusMessage ?? ""),
      upgrade: info.upgrade === true,
    })
      ? 1
      : 0;
  };
  p[HTTPParser.kOnBody] = (chunk: Buffer, offset: number, length: number) => {
    h.body(
      offset === 0 && length === chunk.length ? chunk : chunk.subarray(offset, offset + length),
    );
  };
  p[HTTPParser.kOnHeaders] = (flat: string[]) => h.trailers(flat);
  p[HTTPParser.kOnMessageComplete] = () => h.complete();
  return {
    execute: (chunk) => p.execute(chunk),
    finish: () => p.finish() ?? undefined,
  };
}
