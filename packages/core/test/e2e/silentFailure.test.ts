// Issue 20: connections that die silently (a NAT that forgot the flow, a laptop that slept) are
// noticed within the liveness bound and replaced; a wake probes every forward at once; a
// blackhole does not turn into a reconnect storm (at most N upgrades in flight per cluster,
// counted at the sim).

import { afterEach, describe, expect, it } from "vitest";
import {
  httpGet,
  type TestEngine,
  tcpConfig,
  useSimAndEngine,
  waitUntil,
  within,
} from "./helpers.ts";
import { askUntilAnswered, udpPeer } from "./relaySupport.ts";

const { sim, newEngine } = useSimAndEngine({ scenario: "test", networkFaults: true });

afterEach(() => {
  sim().resumeNetwork();
});

/** A wall clock the test can move forward, as a resume from sleep does. */
function jumpingClock() {
  let offset = 0;
  return {
    clock: { now: () => Date.now() + offset, monotonic: () => performance.now() },
    jump(ms: number) {
      offset += ms;
    },
  };
}

async function runningHttp(t: TestEngine, n: number) {
  const out: { id: number; port: number }[] = [];
  for (let i = 0; i < n; i++) {
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");
    out.push({ id: cfg.id, port: s.localPort! });
  }
  return out;
}

describe("silent failures", () => {
  it("after stall, a running TCP forward serves a new request within the liveness bound", async () => {
    // Defaults: a quiet tunnel is pinged before a new connection uses it, 5 s for an answer.
    const t = newEngine();
    const [f] = await runningHttp(t, 1);
    expect((await httpGet(f!.port)).status).toBe(200);
    sim().stall();
    // Documented bound: pingTimeoutMs (5 s) + a fresh upgrade; 12 s leaves room for a loaded CI.
    const res = await within(
      httpGet(f!.port),
      "a request through the forward after stall",
      12_000,
    ).catch((e) => {
      throw new Error(`${e.message}; logs: ${t.logs(f!.id).join(" | ")}`);
    });
    expect(res.status).toBe(200);
    expect(t.engine.status(f!.id)?.state).toBe("running");
  });

  it("a wake (the wall clock jumped past the monotonic one) probes every forward at once", async () => {
    const c = jumpingClock();
    // Pings so rare that only the wake can find the dead tunnels within the test.
    const t = newEngine({ pingMs: 600_000, pingTimeoutMs: 2000, clock: c.clock, wakeCheckMs: 200 });
    const forwards = await runningHttp(t, 5);
    for (const f of forwards) expect((await httpGet(f.port)).status).toBe(200);
    sim().stall();
    const before = sim().apiConnections();
    c.jump(120_000);
    await waitUntil(
      () =>
        `a wake log on each forward: ${forwards.map((f) => t.logs(f.id).join(" / ")).join(" | ")}`,
      () => forwards.every((f) => t.logs(f.id).some((l) => l.includes("wake"))),
      5000,
    );
    // Every stalled tunnel found dead and replaced by a fresh connection to the API.
    await waitUntil(
      () => `fresh API connections: ${sim().apiConnections() - before}`,
      () => sim().apiConnections() - before >= forwards.length,
      10_000,
    );
    for (const f of forwards) {
      const res = await within(httpGet(f.port), `a request through forward ${f.id}`, 10_000);
      expect(res.status).toBe(200);
    }
  });

  it("30 forwards, blackhole then resume: at most N reconnects in flight, and all 30 recover", async () => {
    const c = jumpingClock();
    const N = 3;
    const t = newEngine({
      maxReconnectsPerCluster: N,
      pingMs: 600_000,
      pingTimeoutMs: 1000,
      clock: c.clock,
      wakeCheckMs: 200,
    });
    const forwards = await runningHttp(t, 30);
    for (const f of forwards) expect((await httpGet(f.port)).status).toBe(200);
    sim().blackhole();
    c.jump(120_000);
    let peak = 0;
    const until = Date.now() + 4000;
    while (Date.now() < until) {
      peak = Math.max(peak, sim().heldConnections());
      await new Promise((r) => setTimeout(r, 10));
    }
    sim().resumeNetwork();
    // Reconnects were attempted during the blackhole, never more than N at once.
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(N);
    expect(sim().heldPeak()).toBeLessThanOrEqual(N);
    for (const f of forwards) {
      await t.waitFor(f.id, (x) => x.state === "running", 30_000);
      const res = await within(httpGet(f.port), `a request through forward ${f.id}`, 15_000);
      expect(res.status).toBe(200);
    }
  });

  it("a wake reaches a UDP relay forward too: its stalled tunnel is replaced and it answers", async () => {
    // Pings so rare that only the wake can find the dead tunnel within the test.
    const t = newEngine({ pingMs: 600_000, pingTimeoutMs: 1000 });
    const cfg = tcpConfig(sim().kubeconfigPath, {
      service: "udp-echo",
      protocol: "udp",
      remote_port: 5353,
    });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running", 30_000);
    const peer = await udpPeer();
    try {
      expect((await askUntilAnswered(peer, "before", s.localPort!)).toString()).toBe("before");
      sim().stall();
      t.engine.wake("wake requested by the test");
      const reply = await within(
        askUntilAnswered(peer, "after", s.localPort!),
        `an answer after the wake (logs: ${t.logs(cfg.id).join(" | ")})`,
        15_000,
      );
      expect(reply.toString()).toBe("after");
      expect(t.logs(cfg.id).some((l) => l.includes("wake requested by the test"))).toBe(true);
      expect(t.logs(cfg.id).some((l) => l.includes("stopped answering"))).toBe(true);
    } finally {
      peer.close();
    }
  });
});
