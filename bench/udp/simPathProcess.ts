// kube-sim in its own process for the UDP path rows, so the rows measure Ferry's forwarder and not
// one event loop that also plays the API server and the kubelet. Demo scenario; its relay pods
// are this process's children. WRAPPER (JSON array) runs each relay pod through a wrapper (e.g.
// --cpu-prof). stdin: bench/tcp/rowProfiler.ts's prof-start / prof-stop; exits when it closes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startKubeSim } from "../../tooling/kube-sim/src/index.ts";
import { profilerCommand } from "../tcp/rowProfiler.ts";

const dir = mkdtempSync(join(tmpdir(), "ferry-bench-udp-sim-"));
const wrapper = process.env.WRAPPER ? (JSON.parse(process.env.WRAPPER) as string[]) : undefined;
const sim = await startKubeSim({ scenario: "demo", dir, containerWrapper: wrapper });
console.log(`sim ${JSON.stringify({ kubeconfig: sim.kubeconfigPath })}`);
const rl = createInterface({ input: process.stdin });
rl.on("line", (line) => void profilerCommand(line.trim()));
rl.on("close", async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
