// The full Ferry path for the benchmark, once kube-sim can run relay pods: filled in by
// bench/udp/run.ts when available; returns null when kube-sim is not usable here.
export async function kubeSimPaths(_targets: {
  udpEchoPort: number;
  tcpSinkPort: number;
}): Promise<{ udpPort: number; tcpPort: number; close: () => Promise<void> } | null> {
  return null;
}
