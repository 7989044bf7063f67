// The Ferry client side of the benchmark in its own process (as in the daemon), so the load
// generator does not share its event loop: a UDP forwarder (MODE=udp: mux framing, MODE=udp-legacy:
// one tunnel per peer) or a TCP listener (MODE=tcp) whose tunnels go to RELAY_PORT.
import { once } from "node:events";
import { connect } from "node:net";
import { startTcpForwarder } from "../../packages/core/src/tcp/tcpForwarder.ts";
import { startUdpForwarder } from "../../packages/core/src/udp/udpForwarder.ts";
import { startUdpMuxForwarder } from "../../packages/core/src/udp/udpMuxForwarder.ts";

const relayPort = Number(process.env.RELAY_PORT);
const openTunnel = async () => {
  const s = connect(relayPort, "127.0.0.1");
  await once(s, "connect");
  return s;
};
const udp = { localAddress: "127.0.0.1", localPort: 0, openTunnel };
const fwd =
  process.env.MODE === "tcp"
    ? await startTcpForwarder({ localAddress: "127.0.0.1", localPort: 0, openStream: openTunnel })
    : process.env.MODE === "udp-legacy"
      ? await startUdpForwarder(udp)
      : await startUdpMuxForwarder(udp);
console.log(`forwarding on ${fwd.port}`);
// Exit with the benchmark, even when it is killed.
process.stdin.on("end", () => process.exit(0)).resume();
