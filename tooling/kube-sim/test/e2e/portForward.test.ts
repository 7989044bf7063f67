import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { apiGet, openPortForward, rawUpgrade, readyPods, until } from "./helpers.ts";

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

  it("SPDY-over-WebSocket alone is refused so kubectl falls back", async () => {
    const status = await rawUpgrade(
      sim,
      `/api/v1/namespaces/default/pods/${web}/portforward?ports=8080`,
      {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Version": "13",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        "Sec-WebSocket-Protocol": "SPDY/3.1+portforward.k8s.io",
      },
    );
    expect(status).toBe(400);
  });
});
