// The local UDP socket of a UDP forward, either framing: bound with large kernel buffers, a bind
// failure translated once (PORT_IN_USE like TCP), oversized datagrams refused with a log line.

import { createSocket, type RemoteInfo, type Socket } from "node:dgram";
import { isIPv6 } from "node:net";
import { MAX_DATAGRAM } from "@ferry/relay-server/codec";
import { bindError, type PortOwner } from "../ports/portInUse.ts";

/** Kernel socket buffers: absorb bursts while the event loop is busy (capped by the kernel). */
const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

export interface UdpSocketOptions {
  localAddress: string;
  localPort: number;
  portOwner?: PortOwner;
  log: (level: "info" | "warn" | "error", message: string) => void;
}

/** Binds; `onDatagram` gets every datagram that fits the relay's limit. */
export async function bindUdpSocket(
  o: UdpSocketOptions,
  onDatagram: (msg: Buffer, from: RemoteInfo) => void,
): Promise<Socket> {
  const socket = createSocket({
    type: isIPv6(o.localAddress) ? "udp6" : "udp4",
    recvBufferSize: UDP_BUFFER_BYTES,
    sendBufferSize: UDP_BUFFER_BYTES,
  });
  socket.on("message", (msg: Buffer, from: RemoteInfo) => {
    if (msg.length > MAX_DATAGRAM) {
      o.log(
        "warn",
        `UDP datagram of ${msg.length} bytes from ${from.address}:${from.port} dropped: the limit is ${MAX_DATAGRAM}`,
      );
      return;
    }
    onDatagram(msg, from);
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => {
      try {
        socket.close();
      } catch {
        // Already closed by the failed bind.
      }
      bindError(err, {
        address: o.localAddress,
        port: o.localPort,
        protocol: "udp",
        portOwner: o.portOwner,
      }).then(reject);
    };
    socket.once("error", failed);
    socket.bind(o.localPort, o.localAddress, () => {
      socket.off("error", failed);
      resolve();
    });
  });
  socket.on("error", (err) => o.log("warn", `UDP socket: ${err.message}`));
  return socket;
}
