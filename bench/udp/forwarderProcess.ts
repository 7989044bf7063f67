// The Ferry client side of the benchmark in its own process (as in the daemon), so the load
// generator does not share its event loop: a UDP forwarder whose tunnels go to RELAY_PORT.
import { once } from "node:events";
import { connect } from "node:net";
import { startTcpRelayListener } from "../../packages/core/src/relay/tcpRelayListener.ts";
import { startUdpForwarder } from "../../packages/core/src/udp/udpForwarder.ts";

const relayPort = Number(process.env.RELAY_PORT);
const openTunnel = async () => {
  const s = connect(relayPort, "127.0.0.1");
  await once(s, "connect");
  return s;
};
const fwd =
  process.env.MODE === "tcp"
    ? await startTcpRelayListener({
        localAddress: "127.0.0.1",
        localPort: 0,
        openTunnel,
        log: () => {},
      })
    : await startUdpForwarder({ localAddress: "127.0.0.1", localPort: 0, openTunnel });
console.log(`forwarding on ${fwd.port}`);
// Exit with the benchmark, even when it is killed.
process.stdin.on("end", () => process.exit(0)).resume();
