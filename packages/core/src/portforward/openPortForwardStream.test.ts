// The v4 framing against a real WebSocket server on loopback (no kube involved).

import { once } from "node:events";
import { KubeConfig } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { portForwardUrl } from "./dialPortForward.ts";
import { openPortForwardStream } from "./openPortForwardStream.ts";

let wss: WebSocketServer | null = null;

afterEach(async () => {
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise((r) => wss?.close(r) ?? r(null));
  wss = null;
});

async function server_(onConn: (ws: WebSocket, url: string) => void): Promise<KubeConfig> {
  wss = new WebSocketServer({
    port: 0,
    host: "127.0.0.1",
    handleProtocols: () => "v4.channel.k8s.io",
  });
  wss.on("connection", (ws, req) => onConn(ws, req.url ?? ""));
  await once(wss, "listening");
  const port = (wss.address() as { port: number }).port;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: "u", token: "t" }],
    contexts: [{ name: "x", cluster: "c", user: "u" }],
    currentContext: "x",
  });
  return kc;
}

const frame = (ch: number, ...parts: (Buffer | string)[]) =>
  Buffer.concat([Buffer.from([ch]), ...parts.map((p) => Buffer.from(p))]);
const portHeader = (p: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(p);
  return b;
};

describe("openPortForwardStream", () => {
  it("builds the portforward URL", () => {
    expect(portForwardUrl("https://h:6443/", { namespace: "a b", name: "p" }, [80])).toBe(
      "wss://h:6443/api/v1/namespaces/a%20b/pods/p/portforward?ports=80",
    );
    // The SPDY tunnel names its ports per stream.
    expect(portForwardUrl("https://h:6443", { namespace: "n", name: "p" }, [])).toBe(
      "wss://h:6443/api/v1/namespaces/n/pods/p/portforward",
    );
  });

  it("connects before any write (server-first) and strips the port header even when split across frames", async () => {
    let asked = "";
    const kc = await server_((ws, url) => {
      asked = url;
      ws.send(frame(0, portHeader(5432).subarray(0, 1)));
      ws.send(frame(0, portHeader(5432).subarray(1), "hel"));
      ws.send(frame(1, portHeader(5432)));
      ws.send(frame(0, "lo"));
    });
    const s = await openPortForwardStream(kc, { namespace: "d", name: "p" }, 5432);
    let got = "";
    for await (const c of s) {
      got += c.toString();
      if (got.length >= 5) break;
    }
    expect(got).toBe("hello");
    expect(asked).toContain("ports=5432");
  });

  it("frames writes on channel 0 and passes binary payloads through", async () => {
    const received: Buffer[] = [];
    const kc = await server_((ws) => {
      ws.send(frame(0, portHeader(1)));
      ws.on("message", (d: Buffer) => {
        received.push(d);
        ws.send(frame(0, d.subarray(1)));
      });
    });
    const s = await openPortForwardStream(kc, { namespace: "d", name: "p" }, 1);
    const payload = Buffer.from([0, 1, 2, 255, 254]);
    s.write(payload);
    const [echo] = await once(s, "data", { signal: AbortSignal.timeout(5000) });
    expect(received[0]?.[0]).toBe(0);
    expect(received[0]?.subarray(1)).toEqual(payload);
    expect(echo).toEqual(payload);
    s.destroy();
  });

  it("turns error-channel text into a stream error carrying that text, never data", async () => {
    const kc = await server_((ws) => {
      ws.send(frame(0, portHeader(80)));
      ws.send(frame(1, portHeader(80)));
      ws.send(frame(1, "error forwarding port 80: connection refused"));
      ws.close(1000);
    });
    const s = await openPortForwardStream(kc, { namespace: "d", name: "p" }, 80);
    const data: Buffer[] = [];
    s.on("data", (c) => data.push(c));
    if (!s.destroyed) await once(s, "close", { signal: AbortSignal.timeout(5000) });
    const err = s.errored;
    expect((err as Error).message).toBe("error forwarding port 80: connection refused");
    expect((err as { code?: string }).code).toBe("PORT_FORWARD_FAILED");
    expect(data).toEqual([]);
  });

  it("an abnormal close is an error (a reset), a normal close a clean end", async () => {
    let n = 0;
    const kc = await server_((ws) => {
      ws.send(frame(0, portHeader(80), "x"));
      if (n++ === 0) setTimeout(() => ws.terminate(), 20);
      else setTimeout(() => ws.close(1000), 20);
    });
    const reset = await openPortForwardStream(kc, { namespace: "d", name: "p" }, 80);
    reset.resume();
    const [err] = await once(reset, "error", { signal: AbortSignal.timeout(5000) });
    expect((err as Error).message).toMatch(/reset/);
    const clean = await openPortForwardStream(kc, { namespace: "d", name: "p" }, 80);
    clean.resume();
    await once(clean, "end", { signal: AbortSignal.timeout(5000) });
    expect(clean.errored).toBeNull();
    expect(clean.readableEnded).toBe(true);
  });

  it("a refused upgrade rejects with the API's Status message", async () => {
    wss = new WebSocketServer({ noServer: true });
    const http = await import("node:http");
    const srv = http.createServer();
    srv.on("upgrade", (_req, socket) => {
      const body = JSON.stringify({ kind: "Status", message: 'pods "p" not found', code: 404 });
      socket.end(
        `HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
      );
    });
    srv.listen(0, "127.0.0.1");
    await once(srv, "listening");
    const kc = new KubeConfig();
    kc.loadFromOptions({
      clusters: [
        {
          name: "c",
          server: `http://127.0.0.1:${(srv.address() as { port: number }).port}`,
          skipTLSVerify: true,
        },
      ],
      users: [{ name: "u" }],
      contexts: [{ name: "x", cluster: "c", user: "u" }],
      currentContext: "x",
    });
    await expect(openPortForwardStream(kc, { namespace: "d", name: "p" }, 80)).rejects.toThrow(
      /refused: 404 Not Found: pods "p" not found/,
    );
    srv.close();
  });

  it("stops taking writes while the server does not read (bounded buffering), then drains", async () => {
    let server: WebSocket | null = null;
    let got = 0;
    const kc = await server_((ws) => {
      server = ws;
      ws.send(frame(0, portHeader(1)));
      ws.on("message", (d: Buffer) => {
        got += d.length - 1;
      });
      ws.pause(); // the pod side takes nothing for now
    });
    const s = await openPortForwardStream(kc, { namespace: "d", name: "p" }, 1);
    const chunk = Buffer.alloc(64 * 1024, 1);
    let written = 0;
    while (s.write(chunk)) {
      written += chunk.length;
      if (written > 256 * 1024 * 1024) break;
    }
    // write() said "wait" long before 256 MiB: buffering is bounded by the WebSocket's high water.
    expect(written).toBeLessThan(64 * 1024 * 1024);
    const total = written + chunk.length;
    (server as WebSocket | null)?.resume();
    await once(s, "drain");
    while (got < total) await new Promise((r) => setTimeout(r, 5));
    expect(got).toBe(total);
    s.destroy();
  });
});
