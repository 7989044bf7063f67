import { createHash } from "node:crypto";
import http from "node:http";
import net from "node:net";
import { WebSocket } from "ws";
import { runCollect } from "./configHarness.ts";

export interface Target {
  host: string;
  port: number;
}

const base = (t: Target) => `http://${t.host}:${t.port}`;

/** Real `curl` with `args` against `t` (`PATH` is the URL's path). */
export function curl(t: Target, path: string, args: string[] = []) {
  return runCollect("curl", ["-sS", ...args, `${base(t)}${path}`], {});
}

/** Two Node fetches on one keep-alive connection: returns both bodies and how many sockets were used. */
export async function fetchKeepAlive(t: Target): Promise<{ bodies: string[]; sockets: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<net.Socket>();
  const get = () =>
    new Promise<string>((resolve, reject) => {
      const req = http.get(`${base(t)}/hello`, { agent }, (res) => {
        sockets.add(res.socket);
        let body = "";
        res.setEncoding("utf8").on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve(body));
      });
      req.on("error", reject);
    });
  const bodies = [await get(), await get()];
  agent.destroy();
  // Node's global fetch (undici) keeps its connection alive too.
  bodies.push(await (await fetch(`${base(t)}/hello`)).text());
  bodies.push(await (await fetch(`${base(t)}/hello`)).text());
  return { bodies, sockets: sockets.size };
}

/** Three requests written at once on one raw socket; resolves to everything read until close. */
export function pipelined(t: Target): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(t.port, t.host);
    let got = "";
    s.setEncoding("utf8").on("data", (d) => {
      got += d;
    });
    s.on("error", reject);
    s.on("close", () => resolve(got));
    s.end(
      "GET /hello?n=1 HTTP/1.1\r\nHost: fixture\r\n\r\n" +
        "GET /hello?n=2 HTTP/1.1\r\nHost: fixture\r\n\r\n" +
        "GET /hello?n=3 HTTP/1.1\r\nHost: fixture\r\nConnection: close\r\n\r\n",
    );
  });
}

/** A chunked POST /echo with `parts` written one by one; resolves to the echoed body. */
export function chunkedUpload(t: Target, parts: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base(t)}/echo`,
      { method: "POST", headers: { "content-type": "text/plain" } },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve(body));
      },
    );
    req.on("error", reject);
    for (const p of parts) req.write(p);
    req.end();
  });
}

/** Opens a WebSocket to /ws, sends `message`, resolves to the echo. */
export function websocketEcho(t: Target, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${t.host}:${t.port}/ws`);
    ws.on("open", () => ws.send(message));
    ws.on("message", (d) => {
      resolve(String(d));
      ws.close();
    });
    ws.on("error", reject);
  });
}

/** GET /download?bytes=n: the length and sha256 of what arrived. */
export async function download(t: Target, n: number): Promise<{ bytes: number; sha256: string }> {
  const res = await fetch(`${base(t)}/download?bytes=${n}`);
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    hash.update(chunk);
  }
  return { bytes, sha256: hash.digest("hex") };
}

/** `curl -T file` of `path` to POST /upload with Expect: 100-continue; the pod's `{ bytes, sha256 }`. */
export async function uploadFile(
  t: Target,
  path: string,
): Promise<{ bytes: number; sha256: string }> {
  const r = await curl(t, "/upload", ["-X", "POST", "-H", "Expect: 100-continue", "-T", path]);
  if (r.code !== 0) throw new Error(`curl upload: ${r.stderr}`);
  return JSON.parse(r.stdout) as { bytes: number; sha256: string };
}
