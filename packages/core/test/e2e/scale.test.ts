// Load and lifecycle: many concurrent connections with half cancelled; 100 forwards started and
// stopped with nothing left behind.

import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { exchange, httpGet, tcpConfig, useSimAndEngine } from "./helpers.ts";

const { sim, newEngine } = useSimAndEngine();

/** Handles by kind, the way Node reports them (sockets, servers, timers...). */
function handles(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of process.getActiveResourcesInfo()) out[k] = (out[k] ?? 0) + 1;
  return out;
}

async function settle(pred: () => boolean, ms = 10_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (pred()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return pred();
}

describe("load", () => {
  it("serves 200 concurrent requests with half cancelled midway, then still serves", async () => {
    const t = newEngine();
    const cfg = tcpConfig(sim().kubeconfigPath, { remote_port: 80 });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");
    const port = s.localPort!;
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        if (i % 2 === 0)
          return httpGet(port, `/r${i}`).then((r) => (r.status === 200 ? "ok" : "bad"));
        // Cancelled: connect, send half a request, then reset.
        return new Promise<string>((resolve) => {
          const sock = connect({ host: "127.0.0.1", port }, () => {
            sock.write("GET /cancel HTTP/1.1\r\nHost: x\r\n");
            setTimeout(() => {
              sock.resetAndDestroy();
              resolve("cancelled");
            }, 5);
          });
          sock.on("error", () => resolve("cancelled"));
        });
      }),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(100);
    expect(await settle(() => t.engine.status(cfg.id)?.connections === 0)).toBe(true);
    expect((await httpGet(port, "/after")).status).toBe(200);
    expect(t.engine.status(cfg.id)?.state).toBe("running");
    // Traffic samples come once a second: wait for one carrying this run's bytes.
    expect(
      await settle(() =>
        t.events.some((e) => e.type === "traffic" && e.id === cfg.id && e.bytesIn > 100 * 50),
      ),
    ).toBe(true);
    const st = t.engine.status(cfg.id)!;
    expect(st.bytesOut).toBeGreaterThan(100 * 30);
    expect(st.bytesIn).toBeGreaterThan(100 * 50);
  });

  it("starts and stops 100 forwards sharing one watch, leaving no handle behind", async () => {
    const t = newEngine();
    // Warm up once, so lazily created process-wide handles are not counted as leaks.
    const warm = tcpConfig(sim().kubeconfigPath, { remote_port: 9000 });
    await t.engine.start(warm);
    await t.waitFor(warm.id, (x) => x.state === "running");
    await t.engine.stop(warm.id);
    await new Promise((r) => setTimeout(r, 200));
    const before = handles();

    const configs = Array.from({ length: 100 }, (_, i) =>
      tcpConfig(sim().kubeconfigPath, {
        remote_port: i % 2 ? 9000 : 80,
        workload_type: i % 4 === 3 ? "pod" : "service",
        target: i % 4 === 3 ? "app=web" : null,
        ...(i % 4 === 3 ? { service: null, remote_port: 9000 } : {}),
      }),
    );
    const started = await Promise.all(configs.map((c) => t.engine.start(c)));
    expect(started.every((s) => s.state === "running" || s.state === "reconnecting")).toBe(true);
    for (const c of configs) await t.waitFor(c.id, (x) => x.state === "running");
    expect(t.engine.status()).toHaveLength(100);
    // Every forward carries a request: HTTP on port 80, an echo on 9000.
    const answered = await Promise.all(
      configs.map(async (c) => {
        const port = t.engine.status(c.id)!.localPort!;
        if (c.remote_port === 80) return (await httpGet(port)).status === 200;
        const msg = `ping-${c.id}`;
        const got = await exchange(port, msg, { until: (b) => b.length >= msg.length });
        return got.toString() === msg;
      }),
    );
    expect(answered.filter(Boolean)).toHaveLength(100);
    await t.engine.stopAll();
    expect(t.engine.status()).toEqual([]);
    const ok = await settle(() => {
      const now = handles();
      return (
        (now.TCPServerWrap ?? 0) <= (before.TCPServerWrap ?? 0) &&
        (now.TCPSocketWrap ?? 0) <= (before.TCPSocketWrap ?? 0) + 2
      );
    });
    expect({ ok, before, after: handles() }).toMatchObject({ ok: true });
  });
});
