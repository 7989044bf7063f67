#!/usr/bin/env node
// kube-sim CLI: run a sim cluster until Ctrl-C, with faults typed on stdin.
//   kube-sim [--scenario demo|test|<file.yaml>] [--kubeconfig <path>] [--port N]
//            [--ready-delay-ms N] [--replace-delay-ms N] [--network-faults]
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { HELP, runCommand } from "../commands.ts";
import { startKubeSim } from "../index.ts";

const { values } = parseArgs({
  options: {
    scenario: { type: "string", default: "test" },
    kubeconfig: { type: "string" },
    port: { type: "string" },
    "ready-delay-ms": { type: "string" },
    "replace-delay-ms": { type: "string" },
    "network-faults": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(
    `kube-sim [--scenario demo|test|<file>] [--kubeconfig <path>] [--port N] [--ready-delay-ms N] [--replace-delay-ms N] [--network-faults]\n${HELP}`,
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
  networkFaults: values["network-faults"],
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
  const cmd = line.trim().split(/\s+/)[0];
  if (cmd === "quit" || cmd === "exit") return void stop();
  const answer = await runCommand(sim, line);
  if (answer) console.log(answer);
}
// Without a terminal (stdin closed, e.g. `&` in a script) keep running until a signal.
rl.on("close", () => {});
