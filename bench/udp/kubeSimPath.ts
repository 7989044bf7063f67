// The full Ferry path for the benchmark: kube-sim (real HTTPS API + WebSocket port-forward) runs
// the relay pods, and Ferry's RelayForwarder creates them and forwards through them, exactly as
// the daemon does. Returns null (with the reason printed) when kube-sim cannot be started here.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRelayForwarder } from "../../packages/core/src/relay/createRelayForwarder.ts";
import { relayForwardConfig } from "./relayForwardConfig.ts";

export async function kubeSimPaths(
  targets: { udpEchoPort: number; tcpSinkPort: number },
  /** Runs each relay pod through this (kube-sim's containerWrapper), e.g. to profile it. */
  containerWrapper?: string[],
): Promise<{ udpPort: number; tcpPort: number; close: () => Promise<void> } | null> {
  const dir = await mkdtemp(join(tmpdir(), "ferry-bench-udp-"));
  let sim: { kubeconfigPath: string; close: () => Promise<void> };
  try {
    const { startKubeSim } = (await import("../../tooling/kube-sim/src/index.ts")) as unknown as {
      startKubeSim: (o: {
        scenario: string;
        dir: string;
        containerWrapper?: string[];
      }) => Promise<typeof sim>;
    };
    sim = await startKubeSim({ scenario: "demo", dir, containerWrapper });
  } catch (err) {
    console.log(`(kube-sim path skipped: ${(err as Error).message})`);
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  const config = (id: number, protocol: "udp" | "tcp", port: number) =>
    relayForwardConfig(id, sim.kubeconfigPath, protocol, port);
  const emit = () => {};
  const udp = createRelayForwarder(config(1, "udp", targets.udpEchoPort), { ferryHome: dir, emit });
  const tcp = createRelayForwarder(config(2, "tcp", targets.tcpSinkPort), { ferryHome: dir, emit });
  const [u, t] = await Promise.all([udp.start(), tcp.start()]);
  if (u.state !== "running" || t.state !== "running") {
    console.log(`(kube-sim path skipped: ${u.error?.message ?? t.error?.message})`);
    await Promise.all([udp.stop(), tcp.stop()]);
    await sim.close();
    await rm(dir, { recursive: true, force: true });
    return null;
  }
  return {
    udpPort: u.localPort!,
    tcpPort: t.localPort!,
    close: async () => {
      await Promise.all([udp.stop(), tcp.stop()]);
      await sim.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
