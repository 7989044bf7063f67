// Run by relayLifecycle.e2e.test.ts as a separate process that starts a UDP relay forward and is
// then killed with SIGKILL, leaving its relay pod behind, as a crashed daemon would.
// argv: kubeconfig ferryHome owner remotePort
import { relayConfig, relayForwarder } from "./relaySupport.ts";

const [kubeconfig, ferryHome, owner, remotePort] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
];
const h = relayForwarder(
  relayConfig(kubeconfig, {
    id: 9001,
    workload_type: "proxy",
    protocol: "udp",
    remote_address: "127.0.0.1",
    remote_port: Number(remotePort),
  }),
  ferryHome,
  owner,
);
const status = await h.forwarder.start();
console.log(JSON.stringify({ state: status.state, pod: h.forwarder.pod(), error: status.error }));
setInterval(() => {}, 1 << 30);
