import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patternDigest } from "../../src/bulkPattern.ts";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { apiGet, openPortForward, readyPods, until } from "./helpers.ts";
import { ANNOUNCED_WINDOW, openSpdyTunnel } from "./spdyTunnelClient.ts";

const TUNNEL = "SPDY/3.1+portforward.k8s.io";
const V4 = "v4.channel.k8s.io";
const BULK_BYTES = 4 * 1024 * 1024;

describe("WebSocket port-forward", () => {
  let sim: KubeSim;
  let web: string;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "test" });
    web = (await until(() => readyPods(sim, "default", "web-")[0], "web ready")).metadata.name;
  });
  afterAll(() => sim.close());

  it("moves bytes to the HTTP echo and reports the pod", async () => {
    const pf = await openPortForward(sim, "default", web, [8080]);
    expect(pf.ws.protocol).toBe("v4.channel.k8s.io");
    await until(() => pf.headers.get(0) === 8080, "port header");
    pf.send(0, "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    await pf.closed;
    const text = pf.received(0).toString();
    expect(text).toContain("200 OK");
    expect(text).toContain(`"pod":"${web}"`);
    expect(text).toContain('"path":"/hello"');
  });

  it("gives 2N channels with port headers for several ports", async () => {
    const pf = await openPortForward(sim, "default", web, [8080, 9000]);
    await until(() => pf.headers.size === 4, "4 headers");
    expect([...pf.headers.entries()].sort()).toEqual([
      [0, 8080],
      [1, 8080],
      [2, 9000],
      [3, 9000],
    ]);
    pf.send(2, "ping-9000");
    await until(() => pf.received(2).toString() === "ping-9000", "tcp echo");
    pf.ws.close();
  });

  it("accepts the empty subprotocol", async () => {
    const pf = await openPortForward(sim, "default", web, [9000], []);
    expect(pf.ws.protocol).toBe("");
    pf.send(0, "abc");
    await until(() => pf.received(0).toString() === "abc", "echo");
    pf.ws.close();
  });

  it("reports the kubelet's refusal on the error channel for a closed port", async () => {
    const pf = await openPortForward(sim, "default", web, [1234]);
    await pf.closed;
    expect(pf.received(1).toString()).toMatch(
      /error forwarding port 1234 to pod .*connection refused/,
    );
  });

  it("rejects a missing ports parameter with 400 and a bad token with 401", async () => {
    const r = await apiGet(sim, `/api/v1/namespaces/default/pods/${web}/portforward`);
    expect(r.status).toBe(400);
    await expect(openPortForward(sim, "default", `${web}`, [])).rejects.toThrow(/400/);
    const bad = await apiGet(sim, "/api/v1/pods", "wrong");
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
  });

  it("portForwardStreams counts open streams, the peak since a reset, and the total", async () => {
    const before = sim.portForwardStreams({ resetPeak: true });
    const pf = await openPortForward(sim, "default", web, [8080, 9000]);
    await until(() => sim.portForwardStreams().open === before.open + 2, "2 streams open");
    pf.ws.close();
    await until(() => sim.portForwardStreams().open === before.open, "streams closed");
    const after = sim.portForwardStreams({ resetPeak: true });
    expect(after.peak).toBe(before.open + 2);
    expect(after.total).toBe(before.total + 2);
    expect(sim.portForwardStreams().peak).toBe(before.open);
  });

  it("greeter speaks first", async () => {
    const pod = (await until(() => readyPods(sim, "default", "greeter-")[0], "greeter")).metadata
      .name;
    const pf = await openPortForward(sim, "default", pod, [7000]);
    await until(() => pf.received(0).toString().startsWith(`220 hello from ${pod}`), "banner");
    pf.ws.close();
  });

  it("dropConnections cuts the pod's streams", async () => {
    const pf = await openPortForward(sim, "default", web, [9000]);
    pf.send(0, "x");
    await until(() => pf.received(0).length === 1, "echo");
    expect(sim.dropConnections("default", web)).toBeGreaterThanOrEqual(1);
    await pf.closed;
  });

  it("serves SPDY tunnelled in a WebSocket, ports from the stream headers", async () => {
    const before = sim.portForwardProtocols()[TUNNEL] ?? 0;
    const t = await openSpdyTunnel(sim, "default", web);
    expect(t.protocol).toBe(TUNNEL);
    expect(sim.portForwardProtocols()[TUNNEL]).toBe(before + 1);
    // Data stream first and written at once, before any SYN_REPLY and before the error stream:
    // the bytes wait until the pair is complete and the pod has answered.
    const data = t.stream("data", 9000, "0");
    data.write("pipelined ");
    data.write("bytes");
    const error = t.stream("error", 9000, "0");
    error.resume();
    let echoed = "";
    data.on("data", (d) => {
      echoed += d;
    });
    await until(() => echoed === "pipelined bytes", "echo through the tunnel");
    // A second pair on the same connection, another port.
    const http = t.stream("data", 8080, "1");
    t.stream("error", 8080, "1").resume();
    http.end("GET /tunnel HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    let text = "";
    http.on("data", (d) => {
      text += d;
    });
    await until(() => text.includes('"path":"/tunnel"'), "HTTP through the tunnel");
    t.ws.close();
    await t.closed;
  });

  it("the tunnel sends past the window the client's SETTINGS announce, with no WINDOW_UPDATE", async () => {
    const bulk = (await until(() => readyPods(sim, "default", "bulk-")[0], "bulk")).metadata.name;
    const t = await openSpdyTunnel(sim, "default", bulk);
    t.stream("error", 7100, "0").resume();
    const data = t.stream("data", 7100, "0");
    data.write(`PATTERN ${BULK_BYTES}\n`);
    const chunks: Buffer[] = [];
    data.on("data", (d: Buffer) => chunks.push(d));
    await new Promise((r) => data.on("end", r));
    const body = Buffer.concat(chunks);
    expect(body.length).toBe(BULK_BYTES);
    expect(body.length).toBeGreaterThan(64 * ANNOUNCED_WINDOW);
    expect(createHash("sha256").update(body).digest("hex")).toBe(patternDigest(BULK_BYTES));
    t.ws.close();
  });

  it("the tunnel's error stream carries the kubelet's refusal", async () => {
    const t = await openSpdyTunnel(sim, "default", web);
    t.stream("data", 1234, "0").resume();
    const error = t.stream("error", 1234, "0");
    let text = "";
    error.on("data", (d) => {
      text += d;
    });
    const ended = new Promise((r) => error.on("end", r));
    await ended;
    expect(text).toMatch(/error forwarding port 1234 to pod .*connection refused/);
    t.ws.close();
  });

  it("offered both, a WebSocket gets the tunnel, as from a 1.31 API server; v4 alone gets v4", async () => {
    const both = await openSpdyTunnel(sim, "default", web, [V4, TUNNEL]);
    expect(both.protocol).toBe(TUNNEL);
    both.ws.close();
    const before = sim.portForwardProtocols()[V4] ?? 0;
    const v4 = await openPortForward(sim, "default", web, [9000], [V4]);
    expect(v4.ws.protocol).toBe(V4);
    expect(sim.portForwardProtocols()[V4]).toBe(before + 1);
    v4.ws.close();
  });
});
