// Staying up: pod deletion, readiness flips, no Ready pod, API outage, resets inside the pod.

import { describe, expect, it } from "vitest";
import {
  echoOnce,
  exchange,
  httpGet,
  openSocket,
  type TestEngine,
  tcpConfig,
  useSimAndEngine,
  waitUntil,
} from "./helpers.ts";

const { sim, newEngine } = useSimAndEngine({ scenario: "test", replaceDelayMs: 300 });

const podName = (status: { pod: string | null }) => status.pod?.split("/")[1] ?? "";

async function running(t: TestEngine, cfg: ReturnType<typeof tcpConfig>) {
  await t.engine.start(cfg);
  return t.waitFor(cfg.id, (s) => s.state === "running" && s.pod !== null);
}

describe("supervisor", () => {
  it("moves new connections to another Ready pod when the current one is deleted during traffic", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    const s = await running(t, cfg);
    const first = podName(s);
    expect(JSON.parse((await httpGet(s.localPort!)).body).pod).toBe(first);
    // Traffic in flight while the pod goes away.
    const inflight = Array.from({ length: 20 }, () => httpGet(s.localPort!).catch(() => null));
    expect(sim().deletePod("default", first)).toBe(true);
    await Promise.all(inflight);
    const moved = await t.waitFor(cfg.id, (x) => x.state === "running" && podName(x) !== first);
    const body = JSON.parse((await httpGet(moved.localPort!)).body);
    expect(body.pod).not.toBe(first);
    expect(body.pod).toBe(podName(moved));
    expect(t.logs(cfg.id).some((l) => l.includes("new connections go to pod"))).toBe(true);
  });

  it("follows a readiness flip: a pod that stops being Ready gets no new connections", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    const s = await running(t, cfg);
    const first = podName(s);
    sim().setReady("default", first, false);
    try {
      const moved = await t.waitFor(cfg.id, (x) => podName(x) !== first && x.state === "running");
      for (let i = 0; i < 5; i++)
        expect(JSON.parse((await httpGet(moved.localPort!)).body).pod).not.toBe(first);
    } finally {
      sim().setReady("default", first, true);
    }
  });

  it("with no Ready pod is reconnecting, holds new connections, and serves them on recovery", async () => {
    const t = newEngine({ connectWaitMs: 20_000 });
    const cfg = tcpConfig(sim().kubeconfigPath, { service: "greeter", remote_port: 7000 });
    const s = await running(t, cfg);
    const only = podName(s);
    sim().setReady("default", only, false);
    const down = await t.waitFor(cfg.id, (x) => x.state === "reconnecting");
    expect(down.error?.code).toBe("NO_READY_POD");
    expect(down.error?.message).toContain("greeter");
    // A connection made now waits for a pod instead of failing.
    const waiting = exchange(s.localPort!, Buffer.alloc(0), { until: (b) => b.includes("\n") });
    await new Promise((r) => setTimeout(r, 300));
    sim().setReady("default", only, true);
    expect((await waiting).toString()).toMatch(/^220 hello from greeter-/);
    await t.waitFor(cfg.id, (x) => x.state === "running" && x.error === null);
    const states = t.events.flatMap((e) =>
      e.type === "status" && e.status.id === cfg.id ? [e.status.state] : [],
    );
    expect(states).toEqual(expect.arrayContaining(["starting", "running", "reconnecting"]));
    expect(states.lastIndexOf("running")).toBeGreaterThan(states.indexOf("reconnecting"));
  });

  it("refuses a waiting connection after the bound while no pod is Ready", async () => {
    const t = newEngine({ connectWaitMs: 300 });
    const cfg = tcpConfig(sim().kubeconfigPath, { service: "greeter", remote_port: 7000 });
    const s = await running(t, cfg);
    const only = podName(s);
    sim().setReady("default", only, false);
    try {
      await t.waitFor(cfg.id, (x) => x.state === "reconnecting");
      const got = await exchange(s.localPort!, "hi").catch(() => Buffer.alloc(0));
      expect(got.length).toBe(0);
      expect(t.logs(cfg.id).some((l) => l.includes("connection refused"))).toBe(true);
    } finally {
      sim().setReady("default", only, true);
    }
    await t.waitFor(cfg.id, (x) => x.state === "running");
  });

  it("survives an API outage: reconnecting while paused, then serving and watching again", async () => {
    const t = newEngine({ connectWaitMs: 20_000 });
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    const s = await running(t, cfg);
    await sim().pauseApi();
    let resumed = false;
    try {
      await t.waitFor(cfg.id, (x) => x.state === "reconnecting");
      // A connection made while reconnecting waits (connectWaitMs) and is served once the API is back.
      const during = httpGet(s.localPort!);
      await sim().resumeApi();
      resumed = true;
      expect((await during).status).toBe(200);
    } finally {
      if (!resumed) await sim().resumeApi();
    }
    const back = await t.waitFor(cfg.id, (x) => x.state === "running", 30_000);
    expect((await httpGet(back.localPort!)).status).toBe(200);
    // The watch resumed: a deletion after the outage is noticed.
    const current = podName(back);
    sim().deletePod("default", current);
    await t.waitFor(cfg.id, (x) => x.state === "running" && podName(x) !== current, 30_000);
  });

  it("a connection reset inside the pod ends only that connection, never the forward", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 9000 });
    const s = await running(t, cfg);
    const a = podName(s);
    const onA = await openSocket(s.localPort!);
    expect(await echoOnce(onA, "a1")).toBe("a1");
    // Steer new connections to the other replica, open one there, then let A back in.
    sim().setReady("default", a, false);
    const moved = await t.waitFor(cfg.id, (x) => podName(x) !== a && x.state === "running");
    const onB = await openSocket(moved.localPort!);
    expect(await echoOnce(onB, "b1")).toBe("b1");
    sim().setReady("default", a, true);
    const aClosed = new Promise<void>((r) => onA.once("close", () => r()));
    onA.on("error", () => {});
    expect(sim().dropConnections("default", a)).toBeGreaterThan(0);
    await aClosed;
    expect(await echoOnce(onB, "b2")).toBe("b2");
    expect(t.engine.status(cfg.id)?.state).toBe("running");
    const fresh = await openSocket(s.localPort!);
    expect(await echoOnce(fresh, "c1")).toBe("c1");
    onB.destroy();
    fresh.destroy();
    expect(t.logs(cfg.id).some((l) => l.includes("reset"))).toBe(true);
  });

  it("a single-replica target deleted under a request loop loses at most the request in flight", async () => {
    const t = newEngine({ connectWaitMs: 20_000 });
    const cfg = tcpConfig(sim().kubeconfigPath, { service: "greeter", remote_port: 7000 });
    const s = await running(t, cfg);
    const old = podName(s);
    let ok = 0;
    let failed = 0;
    let stop = false;
    const loop = (async () => {
      while (!stop) {
        const got = await exchange(s.localPort!, Buffer.alloc(0), {
          until: (b) => b.includes("\n"),
        }).catch(() => Buffer.alloc(0));
        if (/^220 hello from greeter-/.test(got.toString())) ok++;
        else failed++;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    sim().deletePod("default", old);
    await t.waitFor(cfg.id, (x) => x.state === "running" && podName(x) !== old && x.pod !== null);
    const okAtRecovery = ok;
    await waitUntil(
      () => `5 answers after recovery (${ok - okAtRecovery} so far, ${failed} failed)`,
      () => ok >= okAtRecovery + 5,
    );
    stop = true;
    await loop;
    expect(failed).toBeLessThanOrEqual(1);
    const states = t.events.flatMap((e) =>
      e.type === "status" && e.status.id === cfg.id ? [e.status.state] : [],
    );
    expect(states).toContain("reconnecting");
  });
});
