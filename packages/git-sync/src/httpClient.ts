import { request as httpsRequest } from "node:https";
import type { GitHttpRequest, GitHttpResponse, HttpClient } from "isomorphic-git";

async function collect(body: GitHttpRequest["body"]): Promise<Buffer | undefined> {
  if (!body) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of body) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const MAX_REDIRECTS = 5;

/**
 * isomorphic-git's HTTP plugin over node:https with our CA list. TLS is always verified
 * (`rejectUnauthorized` is Node's default and nothing here can turn it off); redirects are
 * followed only to other https:// URLs.
 */
export function httpsClient(opts: { ca: string[]; timeoutMs: number }): HttpClient {
  async function send(req: GitHttpRequest, redirects: number): Promise<GitHttpResponse> {
    const body = await collect(req.body);
    const headers: Record<string, string> = { ...req.headers };
    if (body) headers["content-length"] = String(body.length);
    const res = await new Promise<import("node:http").IncomingMessage>((resolve, reject) => {
      const r = httpsRequest(req.url, {
        method: req.method ?? "GET",
        headers,
        ca: opts.ca,
        timeout: opts.timeoutMs,
      });
      r.on("response", resolve);
      r.on("error", reject);
      r.on("timeout", () => {
        const err = new Error(`no answer within ${opts.timeoutMs} ms`) as NodeJS.ErrnoException;
        err.code = "ETIMEDOUT";
        r.destroy(err);
      });
      r.end(body);
    });
    const location = res.headers.location;
    const status = res.statusCode ?? 0;
    const isGet = (req.method ?? "GET") === "GET";
    if (isGet && status >= 300 && status < 400 && location && redirects < MAX_REDIRECTS) {
      const next = new URL(location, req.url);
      if (next.protocol === "https:") {
        res.resume();
        return send({ ...req, url: next.href, body: undefined }, redirects + 1);
      }
    }
    const flat: Record<string, string> = {};
    for (const [k, v] of Object.entries(res.headers)) {
      if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(", ") : v;
    }
    return {
      url: req.url,
      method: req.method ?? "GET",
      statusCode: status,
      statusMessage: res.statusMessage ?? "",
      headers: flat,
      body: res[Symbol.asyncIterator]() as AsyncIterableIterator<Uint8Array>,
    };
  }
  return { request: (req) => send(req, 0) };
}
