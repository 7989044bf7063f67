import { randomUUID } from "node:crypto";
import { BodyCapture } from "./bodyCapture.ts";

/** One HTTP message as the tap saw it: raw header pairs (unredacted, never leave the process). */
export interface CapturedMessage {
  httpVersion: string;
  headers: [string, string][];
  trailers: [string, string][];
  body: BodyCapture;
  done: boolean;
}

/** A request and its response, or a note about the connection, as captured; rendered later. */
export interface CapturedExchange {
  traceId: string;
  clientPort: number;
  requestAt: number;
  responseAt: number | null;
  method: string;
  target: string;
  request: CapturedMessage | null;
  status: number | null;
  statusText: string | null;
  response: CapturedMessage | null;
  /** Interim responses seen before the final one, e.g. "100 Continue". */
  interim: string[];
  note?: string;
}

export function newMessage(
  httpVersion: string,
  headers: [string, string][],
  cap: number,
): CapturedMessage {
  return { httpVersion, headers, trailers: [], body: new BodyCapture(cap), done: false };
}

export function newExchange(clientPort: number, at: number): CapturedExchange {
  return {
    traceId: randomUUID(),
    clientPort,
    requestAt: at,
    responseAt: null,
    method: "",
    target: "",
    request: null,
    status: null,
    statusText: null,
    response: null,
    interim: [],
  };
}

/** http-parser-js hands headers as a flat [name, value, name, value…] list. */
export function headerPairs(flat: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

export function headerValue(
  headers: readonly [string, string][],
  name: string,
): string | undefined {
  const lower = name.toLowerCase();
  for (const [k, v] of headers) if (k.toLowerCase() === lower) return v;
  return undefined;
}
