// Ferry's relay forward in its own process, as ferryd runs it: createRelayForwarder starts the
// relay pod through kube-sim (KUBECONFIG_PATH) and forwards UDP (or TCP, PROTOCOL) to TARGET_PORT
// through it. Prints `forwarding on <port>`. stdin: bench/tcp/rowProfiler.ts's prof-start /
// prof-stop; the forward stops and the process exits when stdin closes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { createRelayForwarder } from "../../packages/core/src/relay/createRelayForwarder.ts";
import { profilerCommand } from "../tcp/rowProfiler.ts";
import { relayForwardConfig } from "./relayForwardConfig.ts";

const dir = mkdtempSync(join(tmpdir(), "ferry-bench-udp-fwd-"));
const protocol = process.env.PROTOCOL === "tcp" ? "tcp" : "udp";
const config = relayForwardConfig(
  1,
  process.env.KUBECONFIG_PATH ?? "",
  protocol,
  Number(process.env.TARGET_PORT),
);
const fwd = createRelayForwarder(config, { ferryHome: dir, emit: () => {} });
const s = await fwd.start();
if (s.state !== "running") {
  console.log(`failed ${s.error?.message}`);
  process.exit(1);
}
console.log(`forwarding on ${s.localPort}`);
const rl = createInterface({ input: process.stdin });
rl.on("line", (line) => void profilerCommand(line.trim()));
rl.on("close", async () => {
  await fwd.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
