// PodConnector on its own, against kube-sim: tunnel reuse, the idle close, a pod switch that
// retires the old tunnel once its last connection ends, and v4 mode.

import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { PodConnector } from "../../src/index.ts";
import { e2eMode, useSimAndEngine } from "./helpers.ts";

const TUNNEL = "SPDY/3.1+portforward.k8s.io";
const V4 = "v4.channel.k8s.io";
const { sim } = useSimAndEngine();

function setup() {
  const kc = new KubeConfig();
  kc.loadFromFile(sim().kubeconfigPath);
  const pods = sim()
    .listPods("default")
    .map((p) => (p as { metadata: { name: string } }).metadata.name)
    .filter((n) => n.startsWith("web-"))
    .map((name) => ({ namespace: "default", name }));
  const count = (p: string) => sim().portForwardProtocols()[p as typeof TUNNEL] ?? 0;
  return { kc, pods, count };
}

/** One echo through a stream, then its end. */
async function echo(s: import("node:stream").Duplex, text: string): Promise<string> {
  const got = new Promise<string>((resolve, reject) => {
    s.once("data", (d: Buffer) => resolve(d.toString()));
    s.once("error", reject);
  });
  s.write(text);
  const out = await got;
  s.destroy();
  return out;
}

const until = async (f: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!f()) throw new Error(`timed out waiting for ${what}`);
};

describe.skipIf(e2eMode === "v4")("PodConnector", () => {
  it("reuses one tunnel per pod, closes it when idle, and opens a new one after", async () => {
    const { kc, pods, count } = setup();
    const c = new PodConnector(kc, { idleMs: 200 });
    try {
      const before = count(TUNNEL);
      expect(await echo(await c.open(pods[0]!, 9000), "a")).toBe("a");
      expect(await echo(await c.open(pods[0]!, 9000), "b")).toBe("b");
      expect(count(TUNNEL)).toBe(before + 1);
      expect(c.multiplexed(pods[0]!)).toBe(true);
      await until(() => !c.multiplexed(pods[0]!), "the idle tunnel to close");
      expect(await echo(await c.open(pods[0]!, 9000), "c")).toBe("c");
      expect(count(TUNNEL)).toBe(before + 2);
    } finally {
      c.close();
    }
  });

  it("a new pod gets a new tunnel; the old one carries its open connection to the end", async () => {
    const { kc, pods, count } = setup();
    expect(pods.length).toBeGreaterThanOrEqual(2);
    const c = new PodConnector(kc, { idleMs: 60_000 });
    try {
      const before = count(TUNNEL);
      const held = await c.open(pods[0]!, 9000);
      expect(await echo(await c.open(pods[1]!, 9000), "other pod")).toBe("other pod");
      expect(count(TUNNEL)).toBe(before + 2);
      expect(c.multiplexed(pods[0]!)).toBe(false);
      expect(await echo(held, "still open")).toBe("still open");
    } finally {
      c.close();
    }
  });

  it("in v4 mode opens one WebSocket per connection and no tunnel", async () => {
    const { kc, pods, count } = setup();
    const c = new PodConnector(kc, { mode: "v4" });
    try {
      const before = { tunnel: count(TUNNEL), v4: count(V4) };
      for (const text of ["x", "y"])
        expect(await echo(await c.open(pods[0]!, 9000), text)).toBe(text);
      expect(count(TUNNEL)).toBe(before.tunnel);
      expect(count(V4)).toBe(before.v4 + 2);
    } finally {
      c.close();
    }
  });
});
