import {
  brotliDecompressSync,
  constants,
  gunzipSync,
  inflateRawSync,
  inflateSync,
} from "node:zlib";
import { headerValue } from "./capturedExchange.ts";
import { type NameMatcher, redactJson, redactPairs } from "./redact.ts";

/** How a body shows in the file: text (null when binary) and notes, e.g. the truncation. */
export interface DisplayedBody {
  text: string | null;
  notes: string[];
}

export interface RawBody {
  bytes: Buffer;
  total: number;
  truncated: boolean;
}

const TEXT_TYPE =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded|graphql|yaml|x-yaml|x-ndjson|ld\+json)\b)/i;
const JSON_TYPE = /[/+]json\b/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\b/i;
const utf8 = new TextDecoder("utf-8", { fatal: true });

function decodeOne(buf: Buffer, coding: string, limit: number): Buffer {
  const zopts = { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: limit };
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return gunzipSync(buf, zopts);
    case "deflate":
      try {
        return inflateSync(buf, zopts);
      } catch {
        return inflateRawSync(buf, zopts); // some servers send raw deflate
      }
    case "br":
      return brotliDecompressSync(buf, {
        finishFlush: constants.BROTLI_OPERATION_FLUSH,
        maxOutputLength: limit,
      });
    default:
      throw new Error(`unknown content-encoding ${coding}`);
  }
}

function looksLikeText(buf: Buffer): string | null {
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    // a multi-byte character cut by the cap still counts as text
    try {
      text = utf8.decode(buf.subarray(0, Math.max(0, buf.length - 3)));
    } catch {
      return null;
    }
  }
  return /[\x00-\x08\x0e-\x1f\x7f]/.test(text) ? null : text;
}

function size(n: number): string {
  return n === 1 ? "1 byte" : `${n} bytes`;
}

/**
 * Decodes gzip/br/deflate for display, pretty-prints JSON, names binary bodies by size and
 * type. Bodies come de-chunked from the parser. The text has `\n` line ends, none at the end.
 */
export function displayBody(
  body: RawBody,
  headers: readonly [string, string][],
  cap: number,
  redact: NameMatcher | null = null,
): DisplayedBody {
  const notes: string[] = [];
  if (body.total === 0) return { text: "", notes };
  const type = headerValue(headers, "content-type") ?? "";
  const codings = (headerValue(headers, "content-encoding") ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity");
  let bytes = body.bytes;
  let cut = false;
  if (codings.length) {
    try {
      for (const c of [...codings].reverse())
        bytes = decodeOne(bytes, c, Math.max(cap * 16, 1 << 20));
      notes.push(`${codings.join(", ")} decoded for display`);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return {
        text: null,
        notes: [
          `${codings.join(", ")} body: ${size(body.total)}, ${type || "no content-type"}, not decoded (${why})`,
        ],
      };
    }
    if (bytes.length > cap) {
      bytes = bytes.subarray(0, cap);
      cut = true;
    }
  }
  const text = looksLikeText(bytes);
  if (text === null) {
    return {
      text: null,
      notes: [`binary body: ${size(body.total)}, ${type || "no content-type"}`],
    };
  }
  let shown = text.replace(/\r\n?/g, "\n");
  let redacted = 0;
  if (
    !body.truncated &&
    !cut &&
    (JSON_TYPE.test(type) || (!TEXT_TYPE.test(type) && /^\s*[[{]/.test(shown)))
  ) {
    try {
      const parsed: unknown = JSON.parse(shown);
      if (redact) redacted = redactJson(parsed, redact);
      shown = JSON.stringify(parsed, null, 2);
    } catch {
      // not JSON after all: shown as sent
    }
  } else if (redact && FORM_TYPE.test(type)) {
    ({ text: shown, count: redacted } = redactPairs(shown, redact));
  }
  if (redacted) notes.push(`${redacted} ${redacted === 1 ? "value" : "values"} redacted`);
  if (cut) notes.push(`decoded body cut to the first ${size(cap)}`);
  if (body.truncated) notes.push(`truncated: kept ${body.bytes.length} of ${size(body.total)}`);
  return { text: shown.replace(/\n+$/, ""), notes };
}
