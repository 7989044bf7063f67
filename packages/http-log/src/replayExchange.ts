import { request } from "node:http";
import { HttpLogError } from "./httpLogError.ts";
import { replayRequest } from "./replayRequest.ts";
import type { HttpExchangeDetail } from "./types.ts";

const REPLAY_TIMEOUT_MS = 30_000;

/**
 * Sends the logged request again to `target` (the forward's local address, so the replay is
 * logged as a new exchange): same method, path, headers (not the redacted or hop-by-hop ones)
 * and body. Resolves when the whole response has arrived.
 */
export function replayExchange(
  e: HttpExchangeDetail,
  target: { host: string; port: number },
): Promise<{ status: number; durationMs: number }> {
  const r = replayRequest(e);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const fail = (err: Error) =>
      reject(
        new HttpLogError(
          "HTTP_LOG_REPLAY_FAILED",
          `replaying ${e.method} ${r.path} to ${target.host}:${target.port} failed: ${err.message}; check that the forward is running`,
          { cause: err },
        ),
      );
    const req = request(
      {
        host: target.host,
        port: target.port,
        method: r.method,
        path: r.path,
        headers: r.headers.flat(),
        agent: false,
        setHost: !r.headers.some(([k]) => k.toLowerCase() === "host"),
        timeout: REPLAY_TIMEOUT_MS,
      },
      (res) => {
        res.on("error", fail);
        res.resume();
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            durationMs: Math.round(performance.now() - started),
          }),
        );
      },
    );
    req.on("timeout", () =>
      req.destroy(new Error(`no response within ${REPLAY_TIMEOUT_MS / 1000} s`)),
    );
    req.on("error", fail);
    req.end(r.body);
  });
}
