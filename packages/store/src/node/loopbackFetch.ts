import type * as Http from "node:http";

// Not `import { request } from "node:http"`: an ES module import of node:http makes Node fill in
// all its exports, and its lazy WebSocket/EventSource ones compile undici (about 24 ms).
const { Agent, request } = process.getBuiltinModule("node:http") as typeof Http;

// Free keep-alive sockets are unref'd by the agent: they never keep a finished CLI alive.
const agent = new Agent({ keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 16 });

function headerRecord(headers: RequestInit["headers"]): Record<string, string> {
  if (!headers) return {};
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  if (typeof (headers as Headers).forEach === "function") {
    const out: Record<string, string> = {};
    (headers as Headers).forEach((v, k) => {
      out[k] = v;
    });
    return out;
  }
  return headers as Record<string, string>;
}

/** The part of a fetch Response the daemon's clients read (tRPC: status, headers, json). */
function responseOf(url: string, res: Http.IncomingMessage, body: Buffer): Response {
  const status = res.statusCode ?? 0;
  const text = () => body.toString("utf8");
  const response = {
    url,
    status,
    statusText: res.statusMessage ?? "",
    ok: status >= 200 && status < 300,
    redirected: false,
    type: "basic",
    headers: {
      get: (name: string) => {
        const v = res.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
      has: (name: string) => res.headers[name.toLowerCase()] !== undefined,
    },
    text: async () => text(),
    json: async () => JSON.parse(text()) as unknown,
  };
  return response as unknown as Response;
}

/**
 * `fetch` for the daemon's loopback HTTP API over node:http with keep-alive: the CLI's requests
 * share one connection, and Node never compiles its internal undici (about a fifth of a short
 * `ferry status`, measured in bench/RESULTS.md). http: URLs and string bodies only, which is all
 * the tRPC client and the challenge send; errors are TypeError("fetch failed") with the socket
 * error as `cause`, as global fetch's are.
 */
export function loopbackFetch(
  input: string | URL | Request,
  init: RequestInit = {},
): Promise<Response> {
  const url = String(input instanceof URL || typeof input === "string" ? input : input.url);
  return new Promise((resolve, reject) => {
    if (!url.startsWith("http://")) {
      reject(new TypeError(`loopbackFetch speaks plain http to the local daemon only, not ${url}`));
      return;
    }
    const body = init.body ?? null;
    if (body !== null && typeof body !== "string") {
      reject(new TypeError("loopbackFetch sends string bodies only"));
      return;
    }
    const req = request(
      url,
      {
        method: init.method ?? "GET",
        headers: headerRecord(init.headers),
        agent,
        signal: init.signal ?? undefined,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve(responseOf(url, res, Buffer.concat(chunks))));
        res.on("error", (err) => reject(new TypeError("fetch failed", { cause: err })));
      },
    );
    req.on("error", (err) =>
      reject(err.name === "AbortError" ? err : new TypeError("fetch failed", { cause: err })),
    );
    req.end(body ?? undefined);
  });
}
