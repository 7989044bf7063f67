// Basic forwarding against kube-sim: service and label targets, named targetPort, several ports,
// server-first protocols, local addresses, stop.

import { describe, expect, it } from "vitest";
import { echoOnce, exchange, httpGet, openSocket, tcpConfig, useSimAndEngine } from "./helpers.ts";

const { sim, newEngine } = useSimAndEngine();

describe("TCP forwards", () => {
  it("forwards a service's named targetPort (80 -> http -> 8080) and reports the free port it bound", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    const first = await t.engine.start(cfg);
    // The sim's pods may still be coming up: reconnecting until one is Ready is correct.
    expect(["running", "reconnecting"]).toContain(first.state);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");
    expect(s.localPort).toBeGreaterThan(0);
    expect(s.pod).toMatch(/^default\/web-/);
    const res = await httpGet(s.localPort!, "/hello");
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ path: "/hello", namespace: "default" });
  });

  it("forwards a pod label target, and both ports of a multi-port service at once", async () => {
    const t = newEngine();
    const byLabel = await t.engine.start(
      tcpConfig(sim().kubeconfigPath, {
        workload_type: "pod",
        service: null,
        target: "app=web",
        remote_port: 8080,
      }),
    );
    const http = await t.engine.start(tcpConfig(sim().kubeconfigPath, { remote_port: 80 }));
    const echo = await t.engine.start(tcpConfig(sim().kubeconfigPath, { remote_port: 9000 }));
    for (const s of [byLabel, http, echo]) expect(s.state).toBe("running");
    expect(byLabel.pod).toMatch(/^default\/web-/);
    expect((await httpGet(byLabel.localPort!)).status).toBe(200);
    expect(JSON.parse((await httpGet(http.localPort!, "/multi")).body).path).toBe("/multi");
    const sock = await openSocket(echo.localPort!);
    expect(await echoOnce(sock, "ping-1")).toBe("ping-1");
    sock.destroy();
  });

  it("takes remote_port as a container port when no service port matches", async () => {
    const t = newEngine();
    // Service web has ports 80 and 9000; 8080 is only a container port.
    const s = await t.engine.start(tcpConfig(sim().kubeconfigPath, { remote_port: 8080 }));
    expect(s.state).toBe("running");
    expect((await httpGet(s.localPort!)).status).toBe(200);
  });

  it("delivers a server-first greeting without the client writing anything", async () => {
    const t = newEngine();
    const s = await t.engine.start(
      tcpConfig(sim().kubeconfigPath, { service: "greeter", remote_port: 7000 }),
    );
    const got = await exchange(s.localPort!, Buffer.alloc(0), { until: (b) => b.includes("\n") });
    expect(got.toString()).toMatch(/^220 hello from greeter-/);
  });

  it("listens on local_address 127.0.0.2 and local_port null = remote_port", async () => {
    const t = newEngine();
    const s = await t.engine.start(
      tcpConfig(sim().kubeconfigPath, { local_address: "127.0.0.2", local_port: null }),
    );
    expect(s.state).toBe("running");
    expect(s.localPort).toBe(9000);
    const sock = await openSocket(9000, "127.0.0.2");
    expect(await echoOnce(sock, "on .2")).toBe("on .2");
    sock.destroy();
    await expect(openSocket(9000, "127.0.0.1")).rejects.toThrow(/ECONNREFUSED/);
  });

  it("stop() releases the port and every stream", async () => {
    const t = newEngine();
    const s = await t.engine.start(tcpConfig(sim().kubeconfigPath));
    const sock = await openSocket(s.localPort!);
    expect(await echoOnce(sock, "x")).toBe("x");
    const closed = new Promise((r) => sock.once("close", r));
    const end = await t.engine.stop(s.id);
    expect(end?.state).toBe("stopped");
    await closed;
    await expect(openSocket(s.localPort!)).rejects.toThrow(/ECONNREFUSED/);
    expect(t.engine.status()).toEqual([]);
  });
});
