import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { loopbackFetch } from "./loopbackFetch.ts";

const servers: ReturnType<typeof createServer>[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

/** An echo server: method, path, the headers and body it got; counts connections. */
async function echo() {
  let connections = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      res.writeHead(req.url === "/missing" ? 404 : 200, {
        "content-type": "application/json",
        "x-seen": "yes",
      });
      res.end(JSON.stringify({ method: req.method, path: req.url, headers: req.headers, body }));
    });
  });
  server.on("connection", () => {
    connections++;
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

describe("loopbackFetch", () => {
  it("sends method, headers and a string body, and reads status, headers and JSON", async () => {
    const s = await echo();
    const res = await loopbackFetch(`${s.url}/a.b?batch=1`, {
      method: "POST",
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      body: '{"x":1}',
    });
    expect(res.ok).toBe(true);
    expect(res.status).toBe(200);
    expect(res.headers.get("X-Seen")).toBe("yes");
    expect(res.headers.get("x-absent")).toBeNull();
    const got = (await res.json()) as {
      method: string;
      path: string;
      headers: Record<string, string>;
      body: string;
    };
    expect(got).toMatchObject({ method: "POST", path: "/a.b?batch=1", body: '{"x":1}' });
    expect(got.headers.authorization).toBe("Bearer t");
    const missing = await loopbackFetch(`${s.url}/missing`);
    expect([missing.ok, missing.status]).toEqual([false, 404]);
  });

  it("keeps one connection for requests one after the other", async () => {
    const s = await echo();
    for (let i = 0; i < 3; i++) expect((await loopbackFetch(`${s.url}/x`)).status).toBe(200);
    expect(s.connections()).toBe(1);
  });

  it("fails as fetch does when nothing listens, and refuses what it does not speak", async () => {
    const s = await echo();
    await s.stop();
    const err = await loopbackFetch(`${s.url}/x`).catch((e: unknown) => e as TypeError);
    expect(err).toBeInstanceOf(TypeError);
    expect((err as TypeError).message).toBe("fetch failed");
    expect(((err as TypeError).cause as { code?: string }).code).toBe("ECONNREFUSED");
    await expect(loopbackFetch("https://127.0.0.1:1/")).rejects.toThrow(/plain http/);
    await expect(
      loopbackFetch(`${s.url}/x`, { method: "POST", body: new Uint8Array([1]) }),
    ).rejects.toThrow(/string bodies/);
  });
});
