// The full kube-sim path with each part in its own process, as in production: kube-sim (API server
// and the kubelet's port-forward; the relay pods are its children) and Ferry's relay forwards (one
// process each, as ferryd would hold them), so a row measures Ferry and not one event loop that
// also plays the cluster. The caller's process is left to the load generator.
import { fileURLToPath } from "node:url";
import { type Proc, start } from "../tcp/procs.ts";

export interface KubeSimProcesses {
  sim: Proc;
  udp: Proc;
  udpPort: number;
  tcp?: Proc;
  tcpPort?: number;
  close(): Promise<void>;
}

const script = (name: string) => fileURLToPath(new URL(name, import.meta.url));

export async function kubeSimProcesses(
  targets: { udpEchoPort: number; tcpSinkPort?: number },
  /** Runs each relay pod through this (kube-sim's containerWrapper), e.g. to profile it. */
  containerWrapper?: string[],
): Promise<KubeSimProcesses> {
  const node = process.execPath;
  const sim = start(
    node,
    [script("./simPathProcess.ts")],
    containerWrapper ? { WRAPPER: JSON.stringify(containerWrapper) } : {},
  );
  const kubeconfig = JSON.parse((await sim.waitFor(/^sim (.+)$/))[1]!).kubeconfig as string;
  const forward = async (protocol: "udp" | "tcp", port: number) => {
    const p = start(node, [script("./relayForwardProcess.ts")], {
      KUBECONFIG_PATH: kubeconfig,
      PROTOCOL: protocol,
      TARGET_PORT: String(port),
    });
    return { p, port: Number((await p.waitFor(/^forwarding on (\d+)$/, 120_000))[1]) };
  };
  const [udp, tcp] = await Promise.all([
    forward("udp", targets.udpEchoPort),
    targets.tcpSinkPort ? forward("tcp", targets.tcpSinkPort) : undefined,
  ]);
  return {
    sim,
    udp: udp.p,
    udpPort: udp.port,
    tcp: tcp?.p,
    tcpPort: tcp?.port,
    // The forwards first: each stops its relay pod through the sim.
    async close() {
      await Promise.all([udp.p.stop(), tcp?.p.stop()]);
      await sim.stop();
    },
  };
}
