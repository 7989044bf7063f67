// Relay traffic takes the same transport as TCP forwards (issue 14): through the PodConnector,
// so inside one SPDY tunnel per relay pod where the API server offers it.

import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultManifestText } from "../../src/relay/proxyManifest.ts";
import { e2eMode, exchange, proxyConfig, useSimAndEngine } from "./helpers.ts";
import { askUntilAnswered, outsideUdp, udpPeer } from "./relaySupport.ts";

const TUNNEL = "SPDY/3.1+portforward.k8s.io";
const V4 = "v4.channel.k8s.io";

const { sim, newEngine } = useSimAndEngine();

describe.skipIf(e2eMode === "v4")("relay transport", () => {
  it("UDP and proxy relay traffic goes through the SPDY tunnel, not v4 streams", async () => {
    const udpRemote = await outsideUdp();
    const tcpRemote = createServer((s) => s.pipe(s));
    tcpRemote.listen(0, "127.0.0.1");
    await once(tcpRemote, "listening");
    const peer = await udpPeer();
    try {
      const t = newEngine();
      const proxy = (over: Parameters<typeof proxyConfig>[1]) =>
        proxyConfig(sim().kubeconfigPath, over);
      const before = sim().portForwardProtocols();
      const udp = await t.engine.start(proxy({ protocol: "udp", remote_port: udpRemote.port }));
      const tcp = await t.engine.start(
        proxy({ protocol: "tcp", remote_port: (tcpRemote.address() as AddressInfo).port }),
      );
      expect([udp.state, tcp.state]).toEqual(["running", "running"]);
      for (let i = 0; i < 5; i++) {
        expect(String(await askUntilAnswered(peer, `udp-${i}`, udp.localPort!))).toBe(`udp-${i}`);
        const got = await exchange(tcp.localPort!, `tcp-${i}`, { until: (b) => b.length >= 5 });
        expect(got.toString()).toBe(`tcp-${i}`);
      }
      const after = sim().portForwardProtocols();
      // One tunnel per relay pod carries every stream; no v4 WebSocket was opened.
      expect((after[TUNNEL] ?? 0) - (before[TUNNEL] ?? 0)).toBe(2);
      expect((after[V4] ?? 0) - (before[V4] ?? 0)).toBe(0);
    } finally {
      peer.close();
      udpRemote.close();
      tcpRemote.close();
    }
  });
});

describe("a template without UDP_FRAMING (kftray's server image speaks only the legacy framing)", () => {
  it("runs the relay in legacy framing and still answers every peer", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ferry-legacy-relay-"));
    const manifest = join(dir, "legacy.json");
    await writeFile(
      manifest,
      defaultManifestText().replace(/,\s*\{\s*"name": "UDP_FRAMING",\s*"value": "mux"\s*\}/, ""),
    );
    const remote = await outsideUdp();
    const a = await udpPeer();
    const b = await udpPeer();
    try {
      const t = newEngine({ relayManifestPath: manifest });
      const s = await t.engine.start(
        proxyConfig(sim().kubeconfigPath, { protocol: "udp", remote_port: remote.port }),
      );
      expect(s.state, JSON.stringify(s.error)).toBe("running");
      const pod = sim().getPod(...(s.pod!.split("/") as [string, string])) as unknown as {
        spec: { containers: { env: { name: string; value: string }[] }[] };
      };
      expect(pod.spec.containers[0]!.env.map((e) => e.name)).not.toContain("UDP_FRAMING");
      expect(String(await askUntilAnswered(a, "from a", s.localPort!))).toBe("from a");
      expect(String(await askUntilAnswered(b, "from b", s.localPort!))).toBe("from b");
    } finally {
      a.close();
      b.close();
      remote.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
