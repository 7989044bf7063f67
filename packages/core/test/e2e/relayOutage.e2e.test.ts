// Issue 13.5: relay forwards (UDP and proxy) tell the truth through an API outage, as TCP
// forwards do: `reconnecting` while the API server is paused, `running` again after.

import { once } from "node:events";
import { type AddressInfo, createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { exchange, proxyConfig, useSimAndEngine } from "./helpers.ts";
import { askUntilAnswered, outsideUdp, udpPeer } from "./relaySupport.ts";

const { sim, newEngine } = useSimAndEngine();

describe("relay forwards through an API outage", () => {
  it("UDP and proxy forwards go reconnecting while the API is paused, and serve again after", async () => {
    const udpRemote = await outsideUdp();
    const tcpRemote = createServer((s) => s.pipe(s));
    tcpRemote.listen(0, "127.0.0.1");
    await once(tcpRemote, "listening");
    const t = newEngine();
    const proxy = (over: Parameters<typeof proxyConfig>[1]) =>
      proxyConfig(sim().kubeconfigPath, over);
    const udp = proxy({ protocol: "udp", remote_port: udpRemote.port });
    const tcp = proxy({ protocol: "tcp", remote_port: (tcpRemote.address() as AddressInfo).port });
    const peer = await udpPeer();
    try {
      for (const cfg of [udp, tcp]) {
        const s = await t.engine.start(cfg);
        expect(s.state, JSON.stringify(s.error)).toBe("running");
      }
      await sim().pauseApi();
      try {
        for (const cfg of [udp, tcp]) {
          const s = await t.waitFor(cfg.id, (x) => x.state === "reconnecting");
          expect(s.error?.code).toBe("CLUSTER_UNREACHABLE");
        }
      } finally {
        await sim().resumeApi();
      }
      for (const cfg of [udp, tcp]) await t.waitFor(cfg.id, (x) => x.state === "running", 30_000);
      const udpPort = t.engine.status(udp.id)!.localPort!;
      expect((await askUntilAnswered(peer, "after", udpPort)).toString()).toBe("after");
      const tcpPort = t.engine.status(tcp.id)!.localPort!;
      const echoed = await exchange(tcpPort, "after", { until: (b) => b.length >= 5 });
      expect(echoed.toString()).toBe("after");
    } finally {
      peer.close();
      udpRemote.close();
      tcpRemote.close();
    }
  });
});
