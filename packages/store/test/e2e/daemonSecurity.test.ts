import { statSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import WebSocket from "ws";
import { listeners, useDaemons, waitForDaemon } from "./daemonHarness.ts";

const daemons = useDaemons();

/** A raw HTTP GET with exactly the headers given (fetch would add or refuse some). */
function get(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: "127.0.0.1", port, path, method: "GET", headers, setHost: false },
      (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

function wsStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on("open", () => {
      resolve(101);
      ws.close();
    });
    ws.on("error", () => resolve(-1));
  });
}

describe("ferryd refuses what is not its own client", async () => {
  it("answers only with the token, only to its own Host and Origin, on 127.0.0.1, with daemon.json 0600", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    const d = await waitForDaemon(home);
    const host = `127.0.0.1:${d.port}`;
    const auth = `Bearer ${d.token}`;

    expect((await get(d.port, "/daemon.info", { host })).status).toBe(401);
    expect(
      (await get(d.port, "/daemon.info", { host, authorization: "Bearer wrong-token" })).status,
    ).toBe(401);
    expect(
      (await get(d.port, "/daemon.info", { host, authorization: `Bearer ${d.token}x` })).status,
    ).toBe(401);
    const ok = await get(d.port, "/daemon.info", { host, authorization: auth });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result.data.pid).toBe(d.pid);
    expect(
      (await get(d.port, "/daemon.info", { host: `localhost:${d.port}`, authorization: auth }))
        .status,
    ).toBe(200);

    // DNS rebinding: right socket, foreign name.
    expect(
      (await get(d.port, "/daemon.info", { host: `evil.example:${d.port}`, authorization: auth }))
        .status,
    ).toBe(403);
    // No Host at all: Node's HTTP/1.1 parser already answers 400.
    expect([400, 403]).toContain(
      (await get(d.port, "/daemon.info", { authorization: auth })).status,
    );
    expect(
      (
        await get(d.port, "/daemon.info", {
          host,
          authorization: auth,
          origin: "http://evil.example",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await get(d.port, "/daemon.info", {
          host,
          authorization: auth,
          origin: `http://127.0.0.1:${d.port}`,
        })
      ).status,
    ).toBe(200);

    // The WebSocket (subscriptions) is guarded the same way.
    expect(await wsStatus(`${d.wsUrl}/`)).toBe(401);
    expect(await wsStatus(`${d.wsUrl}/?token=nope`)).toBe(401);
    expect(await wsStatus(`${d.wsUrl}/?token=${d.token}`, { origin: "http://evil.example" })).toBe(
      403,
    );
    expect(await wsStatus(`${d.wsUrl}/?token=${encodeURIComponent(d.token)}`)).toBe(101);

    expect(statSync(join(home, "daemon.json")).mode & 0o777).toBe(0o600);
    expect(listeners(d.port)).toEqual([
      `0100007F:${d.port.toString(16).toUpperCase().padStart(4, "0")}`,
    ]);
  });

  it("lets an allowed browser origin call with CORS, preflight included, and no other", async () => {
    const home = daemons.home();
    daemons.spawn(home, { FERRY_ALLOWED_ORIGINS: "http://127.0.0.1:5173" });
    const d = await waitForDaemon(home);
    const host = `127.0.0.1:${d.port}`;
    const res = await get(d.port, "/daemon.info", {
      host,
      authorization: `Bearer ${d.token}`,
      origin: "http://127.0.0.1:5173",
    });
    expect(res.status).toBe(200);
    const pre = await fetch(`${d.url}/daemon.info`, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:5173" },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:5173");
    const foreign = await fetch(`${d.url}/daemon.info`, {
      method: "OPTIONS",
      headers: { origin: "http://127.0.0.1:5174" },
    });
    expect(foreign.status).toBe(403);
  });

  it("never writes the token to its log", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    const d = await waitForDaemon(home);
    await get(d.port, `/daemon.info?token=${d.token}`, { host: `evil.example:${d.port}` });
    await get(d.port, "/daemon.info", {
      host: `127.0.0.1:${d.port}`,
      authorization: `Bearer ${d.token}zz`,
    });
    const { readFileSync } = await import("node:fs");
    const log = readFileSync(join(home, "daemon.log"), "utf8");
    expect(log).toContain("refused");
    expect(log).not.toContain(d.token);
  });
});
