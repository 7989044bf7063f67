#!/usr/bin/env node
// kube-sim CLI: run a sim cluster until Ctrl-C, with faults typed on stdin.
//   kube-sim [--scenario demo|test|<file.yaml>] [--kubeconfig <path>] [--port N]
//            [--ready-delay-ms N] [--replace-delay-ms N]
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { startKubeSim } from "../index.ts";

const HELP = `commands (stdin):
  pods [ns]                 list pods with phase and readiness
  delete <ns> <pod>         delete a pod (workload pods are replaced)
  ready <ns> <pod> on|off   force readiness
  drop <ns> <pod>           cut every port-forward stream of a pod
  pause | resume            stop / restart the API listener
  latency <ms>              delay every API request
  compact                   forget watch history (old resourceVersions get 410)
  quit`;

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "test" },
    kubeconfig: { type: "string" },
    port: { type: "string" },
    "ready-delay-ms": { type: "string" },
    "replace-delay-ms": { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    `kube-sim [--scenario demo|test|<file>] [--kubeconfig <path>] [--port N] [--ready-delay-ms N] [--replace-delay-ms N]\n${HELP}`,
  );
  process.exit(0);
}

const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const sim = await startKubeSim({
  scenario: values.scenario,
  kubeconfigPath: values.kubeconfig,
  port: num(values.port),
  readyDelayMs: num(values["ready-delay-ms"]),
  replaceDelayMs: num(values["replace-delay-ms"]),
});
console.log(`kube-sim (${values.scenario}) serving ${sim.server}`);
console.log(`kubeconfig: ${sim.kubeconfigPath} (contexts: ${sim.contexts.join(", ")})`);
console.log(`try: KUBECONFIG=${sim.kubeconfigPath} kubectl get pods -A`);
console.log("type 'help' for fault commands; Ctrl-C to stop");

let closing = false;
const stop = async () => {
  if (closing) return;
  closing = true;
  await sim.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());

const rl = createInterface({ input: process.stdin });
// Commands run one after another, in the order typed.
let queue = Promise.resolve();
rl.on("line", (line) => {
  queue = queue.then(() => run(line)).catch((e) => console.log(`error: ${(e as Error).message}`));
});

async function run(line: string) {
  const [cmd, a, b, c] = line.trim().split(/\s+/);
  const ok = (v: unknown) => console.log(v ? "ok" : "not found");
  switch (cmd) {
    case undefined:
    case "":
      return;
    case "pods":
      for (const p of sim.listPods(a)) {
        const ready = p.status.conditions?.find(
          (x: { type: string }) => x.type === "Ready",
        )?.status;
        console.log(`${p.metadata.namespace}/${p.metadata.name} ${p.status.phase} ready=${ready}`);
      }
      return;
    case "delete":
      return ok(sim.deletePod(a ?? "", b ?? ""));
    case "ready":
      return ok(sim.setReady(a ?? "", b ?? "", c !== "off" && c !== "false"));
    case "drop":
      return console.log(`dropped ${sim.dropConnections(a ?? "", b ?? "")} stream(s)`);
    case "pause":
      await sim.pauseApi();
      return console.log("api paused");
    case "resume":
      await sim.resumeApi();
      return console.log("api resumed");
    case "latency":
      sim.setLatency(Number(a ?? 0));
      return console.log(`latency ${Number(a ?? 0)} ms`);
    case "compact":
      sim.compact();
      return console.log("history compacted");
    case "quit":
    case "exit":
      return void stop();
    default:
      console.log(HELP);
  }
}
// Without a terminal (stdin closed, e.g. `&` in a script) keep running until a signal.
rl.on("close", () => {});
