import { HTTPParser } from "http-parser-js";

const METHODS = new Set<string>(HTTPParser.methods);
/** Longest method token http-parser-js knows ("UNSUBSCRIBE"), plus the space after it. */
const MAX_TOKEN = 12;
const H2_PREFACE = "PRI * HTTP/2.0";
const H2_PREFACE_BYTES = new TextEncoder().encode(H2_PREFACE);

export type SniffResult = { kind: "http" } | { kind: "other"; what: string } | { kind: "more" };

function hex(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, "0")).join(" ");
}

function startsWith(bytes: Uint8Array, text: string): boolean {
  if (bytes.length < text.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[i] !== text.charCodeAt(i)) return false;
  return true;
}

function isPostgresStartup(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  const code = ((b[4]! << 24) | (b[5]! << 16) | (b[6]! << 8) | b[7]!) >>> 0;
  // protocol 3.0, SSLRequest, GSSENCRequest, CancelRequest
  return code === 0x00030000 || code === 80877103 || code === 80877104 || code === 80877102;
}

/**
 * Decides from a client's first bytes whether the connection speaks HTTP/1: a known method
 * token and a space. Anything else is named when it is recognisable.
 */
export function sniffClient(b: Uint8Array): SniffResult {
  if (b.length === 0) return { kind: "more" };
  const first = b[0]!;
  if (first === 0x16) return { kind: "other", what: "TLS handshake" };
  if (startsWith(b, H2_PREFACE)) return { kind: "other", what: "HTTP/2 prior knowledge" };
  if (b.length < H2_PREFACE.length && startsWith(H2_PREFACE_BYTES, textOf(b)))
    return { kind: "more" };
  for (let i = 0; i < b.length && i < MAX_TOKEN; i++) {
    const c = b[i]!;
    if (c === 0x20) {
      return i > 0 && METHODS.has(textOf(b.subarray(0, i)))
        ? { kind: "http" }
        : { kind: "other", what: describe(b) };
    }
    if (!((c >= 0x41 && c <= 0x5a) || c === 0x2d)) return { kind: "other", what: describe(b) };
  }
  return b.length < MAX_TOKEN ? { kind: "more" } : { kind: "other", what: describe(b) };
}

function textOf(b: Uint8Array): string {
  return String.fromCharCode(...b.subarray(0, 32));
}

function describe(b: Uint8Array): string {
  const first = b[0]!;
  if ("*$+-:".includes(String.fromCharCode(first))) return "Redis RESP";
  if (isPostgresStartup(b)) return "PostgreSQL";
  if (startsWith(b, "SSH-")) return "SSH";
  return `unknown protocol, first bytes ${hex(b)}`;
}

/** The server spoke before any request: a server-first protocol (MySQL, SSH, SMTP…). */
export function describeServerFirst(b: Uint8Array): string {
  if (startsWith(b, "SSH-")) return "SSH (server spoke first)";
  return `server spoke first, first bytes ${hex(b)}`;
}
