// Run by relayLifecycle.e2e.test.ts as a separate process: an engine (as the daemon hosts it)
// starts a UDP relay forward, then the test kills this process with SIGKILL, leaving the relay
// pod behind as a crashed daemon would.
// argv: kubeconfig ferryHome remotePort
import { createEngine } from "../../src/engine.ts";
import { relayConfig } from "./relaySupport.ts";

const [kubeconfig, ferryHome, remotePort] = process.argv.slice(2) as [string, string, string];
const engine = createEngine({ ferryHome });
const status = await engine.start(
  relayConfig(kubeconfig, {
    id: 9001,
    workload_type: "proxy",
    protocol: "udp",
    remote_address: "127.0.0.1",
    remote_port: Number(remotePort),
  }),
);
console.log(JSON.stringify({ state: status.state, pod: status.pod, error: status.error }));
setInterval(() => {}, 1 << 30);
