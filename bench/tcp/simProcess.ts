// kube-sim in its own process, serving one `bench` workload whose container ports forward to the
// targets process. stdin: `delete` deletes the current pod; stdout reports `ready <pod> <epoch ms>`
// whenever a pod becomes Ready, so the recovery row can time from the replacement's readiness.
import { createInterface } from "node:readline";
import { startKubeSim } from "../../tooling/kube-sim/src/index.ts";
import { profilerCommand } from "./rowProfiler.ts";

const t = JSON.parse(process.env.TARGETS ?? "{}") as {
  echo: number;
  source: number;
  greet: number;
  http: number;
};
const to = (p: number) => ({ forward: `127.0.0.1:${p}` });
const sim = await startKubeSim({
  scenario: {
    namespaces: ["default"],
    workloads: [
      {
        name: "bench",
        namespace: "default",
        replicas: 1,
        ports: [
          { name: "echo", containerPort: 9000, backend: to(t.echo) },
          { name: "source", containerPort: 7100, backend: to(t.source) },
          { name: "greet", containerPort: 7000, backend: to(t.greet) },
          { name: "http", containerPort: 8080, backend: to(t.http) },
        ],
      },
    ],
    services: [
      {
        name: "bench",
        namespace: "default",
        selector: { app: "bench" },
        ports: [
          { name: "echo", port: 9000, targetPort: 9000 },
          { name: "source", port: 7100, targetPort: 7100 },
          { name: "greet", port: 7000, targetPort: 7000 },
          { name: "http", port: 80, targetPort: "http" },
        ],
      },
    ],
  },
  replaceDelayMs: Number(process.env.REPLACE_DELAY_MS ?? 200),
});

type P = {
  metadata: { name: string };
  status?: { conditions?: { type: string; status: string }[] };
};
const isReady = (p: P) =>
  !!p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
const seen = new Set<string>();
// Polled only while a Ready pod is awaited (at start, and after each `delete`): listing pods
// clones every pod object, and polling that every 2 ms through the whole run was 3-4 % of the
// sim's CPU in every row (its throughput profile), time taken from the forward being measured.
let awaiting = true;
const poll = setInterval(() => {
  if (!awaiting) return;
  for (const p of sim.listPods("default") as P[]) {
    if (isReady(p) && !seen.has(p.metadata.name)) {
      seen.add(p.metadata.name);
      awaiting = false;
      console.log(`ready ${p.metadata.name} ${Date.now()}`);
    }
  }
}, 2);

console.log(`sim ${JSON.stringify({ kubeconfig: sim.kubeconfigPath })}`);
const rl = createInterface({ input: process.stdin });
rl.on("line", async (line) => {
  if (await profilerCommand(line.trim())) return;
  if (line.trim() === "delete") {
    const pod = (sim.listPods("default") as P[]).find(isReady);
    if (pod) sim.deletePod("default", pod.metadata.name);
    awaiting = true;
    console.log(`deleted ${pod?.metadata.name ?? "-"} ${Date.now()}`);
  }
});
rl.on("close", async () => {
  clearInterval(poll);
  await sim.close();
  process.exit(0);
});
