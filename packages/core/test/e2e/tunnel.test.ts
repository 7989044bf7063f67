// The SPDY tunnel (`SPDY/3.1+portforward.k8s.io`): many connections in one upgrade per pod, a
// half-close that reaches the pod, and a new tunnel when the chosen pod changes.

import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Server } from "node:net";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  e2eMode,
  echoOnce,
  exchange,
  openSocket,
  simReady,
  tcpConfig,
  useSimAndEngine,
  within,
} from "./helpers.ts";

const TUNNEL = "SPDY/3.1+portforward.k8s.io";
const V4 = "v4.channel.k8s.io";

const { sim, newEngine } = useSimAndEngine();

const served = () => {
  const p = sim().portForwardProtocols();
  return { tunnel: p[TUNNEL] ?? 0, v4: p[V4] ?? 0 };
};

describe.skipIf(e2eMode === "v4")("SPDY tunnel", () => {
  it("carries every connection to a pod inside one upgraded connection", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 9000 });
    const s = await t.engine.start(cfg);
    expect(s.state).toBe("running");
    const before = served();
    for (let i = 0; i < 10; i++) {
      const got = await exchange(s.localPort!, `seq-${i}`, { until: (b) => b.length >= 5 });
      expect(got.toString()).toBe(`seq-${i}`);
    }
    const parallel = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        exchange(s.localPort!, `par-${i}`, { until: (b) => b.length >= `par-${i}`.length }),
      ),
    );
    expect(parallel.map(String)).toEqual(Array.from({ length: 30 }, (_, i) => `par-${i}`));
    expect(served()).toEqual({ tunnel: before.tunnel + 1, v4: before.v4 });
    // The event log says which transport the forward uses, once.
    expect(t.logs(cfg.id).filter((l) => l.includes("one SPDY tunnel per pod"))).toHaveLength(1);
  });

  it("passes the client's half-close to the pod (v4 cannot), and the pod's answer and end back", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 9000 });
    const s = await t.engine.start(cfg);
    const sock = await openSocket(s.localPort!);
    const ended = new Promise<string>((resolve, reject) => {
      let got = "";
      sock.on("data", (d) => {
        got += d.toString();
      });
      sock.on("end", () => resolve(got));
      sock.on("error", reject);
    });
    // The echo pod ends its side once it has read ours to the end.
    sock.end("half-closed request");
    expect(await ended).toBe("half-closed request");
    sock.destroy();
    expect(t.engine.status(cfg.id)?.state).toBe("running");
  });

  it("opens a tunnel to the next pod when the chosen one stops being Ready; open connections carry on", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 9000 });
    await t.engine.start(cfg);
    const first = await t.waitFor(cfg.id, (s) => s.state === "running" && s.pod !== null);
    const held = await openSocket(first.localPort!);
    expect(await echoOnce(held, "before")).toBe("before");
    const before = served();
    const [ns, name] = first.pod!.split("/") as [string, string];
    sim().setReady(ns, name, false);
    try {
      const moved = await t.waitFor(cfg.id, (s) => s.pod !== null && s.pod !== first.pod);
      const got = await exchange(moved.localPort!, "after", { until: (b) => b.length >= 5 });
      expect(got.toString()).toBe("after");
      expect(served().tunnel).toBe(before.tunnel + 1);
      // The first pod is only unready, not gone: the connection inside the old tunnel still works.
      expect(await echoOnce(held, "still")).toBe("still");
    } finally {
      held.destroy();
      sim().setReady(ns, name, true);
    }
  });
});

describe.skipIf(e2eMode === "v4")("an API server without the SPDY tunnel (before 1.31)", () => {
  let old: KubeSim;
  beforeAll(async () => {
    old = await startKubeSim({ scenario: "test", spdyTunnel: false });
    await simReady(old);
  });
  afterAll(async () => {
    await old?.close();
  });

  it("falls back to one v4 WebSocket per connection, says so once, and keeps serving", async () => {
    const t = newEngine();
    const cfg = tcpConfig(old.kubeconfigPath, { remote_port: 9000 });
    const s = await t.engine.start(cfg);
    // The first connections arrive together: all are refused the tunnel, one message says so.
    const first = await Promise.all(
      [0, 1, 2, 3, 4].map((i) =>
        exchange(s.localPort!, `v4-${i}`, { until: (b) => b.length >= 4 }),
      ),
    );
    expect(first.map(String)).toEqual(["v4-0", "v4-1", "v4-2", "v4-3", "v4-4"]);
    for (let i = 5; i < 10; i++) {
      const got = await exchange(s.localPort!, `v4-${i}`, { until: (b) => b.length >= 4 });
      expect(got.toString()).toBe(`v4-${i}`);
    }
    const p = old.portForwardProtocols();
    expect(p[TUNNEL] ?? 0).toBe(0);
    // Ten connections, plus at most the spare streams opened ahead.
    expect(p[V4]).toBeGreaterThanOrEqual(10);
    expect(
      t.logs(cfg.id).filter((l) => /no SPDY|refused.*using one WebSocket/.test(l)),
    ).toHaveLength(1);
    expect(t.engine.status(cfg.id)?.state).toBe("running");
  });
});

describe.skipIf(e2eMode === "v4")("a pod that ends its output first", () => {
  let app: Server;
  let own: KubeSim;
  const received: string[] = [];
  beforeAll(async () => {
    // Says goodbye and ends its side at once, then keeps reading what the client sends.
    app = createServer({ allowHalfOpen: true }, (s) => {
      let got = "";
      s.on("data", (d) => {
        got += d.toString();
      });
      s.on("end", () => {
        received.push(got);
        s.destroy();
      });
      s.end("bye\n");
    });
    app.listen(0, "127.0.0.1");
    await once(app, "listening");
    const port = (app.address() as AddressInfo).port;
    own = await startKubeSim({
      scenario: {
        namespaces: ["default"],
        workloads: [
          {
            name: "closer",
            namespace: "default",
            ports: [
              { name: "tcp", containerPort: 7300, backend: { forward: `127.0.0.1:${port}` } },
            ],
          },
        ],
        services: [
          {
            name: "closer",
            namespace: "default",
            selector: { app: "closer" },
            ports: [{ port: 7300, targetPort: 7300 }],
          },
        ],
      },
    });
    await simReady(own);
  });
  afterAll(async () => {
    await own?.close();
    app?.close();
  });

  it("still gets what the client sends after the pod's FIN (only a reset stops writes)", async () => {
    const t = newEngine();
    const cfg = tcpConfig(own.kubeconfigPath, { service: "closer", remote_port: 7300 });
    const s = await t.engine.start(cfg);
    // allowHalfOpen: the client keeps its side open after the pod's FIN, as a TCP peer may.
    const sock = connect({ port: s.localPort!, host: "127.0.0.1", allowHalfOpen: true });
    let got = "";
    sock.on("data", (d) => {
      got += d.toString();
    });
    await within(once(sock, "end"), "the pod's end");
    expect(got).toBe("bye\n");
    sock.end("sent after the pod's FIN");
    await t.waitFor(cfg.id, () => received.length > 0);
    expect(received).toEqual(["sent after the pod's FIN"]);
  });
});
