import { createSocket, type Socket as UdpSocket } from "node:dgram";
import type { Socket } from "node:net";
import { FrameDecoder, writeFrame } from "./codec.ts";
import type { RelayConfig } from "./config.ts";
import type { Log } from "./log.ts";
import { connectFailedLine, resolveRemote } from "./resolveRemote.ts";
import { TunnelFlow } from "./tunnelFlow.ts";
import { TUNNEL_UDP_BUFFER_BYTES } from "./udpBuffers.ts";

/**
 * Legacy framing (UDP_FRAMING=legacy, kftray's): one tunnel = one TCP connection = one local
 * peer = one UDP socket connected to the remote. Full duplex: every
 * datagram the remote sends is framed back as soon as it arrives, however many there are, with
 * no request/reply pairing; bounded by TunnelFlow.
 */
export function tunnelUdp(client: Socket, config: RelayConfig, log: Log, tag: string): void {
  client.pause();
  const decoder = new FrameDecoder();
  let udp: UdpSocket | null = null;
  const flow = new TunnelFlow(client, log, tag, () => udp !== null);
  let lastUdpError = "";

  const close = () => {
    if (udp) {
      udp.close();
      udp = null;
      log(
        "info",
        `${tag} tunnel closed: ${flow.up} datagrams out, ${flow.down} back, ${flow.dropped} dropped`,
      );
    }
  };
  client.on("error", (err) => log("warn", `${tag} client error: ${err.message}`));
  client.once("close", close);
  client.once("end", () => client.end());

  client.on("data", (chunk: Buffer) => {
    const frames = flow.decode((c) => decoder.push(c), chunk);
    for (const frame of frames ?? []) {
      if (!udp) return;
      udp.send(frame, flow.sending());
    }
    flow.pauseIfBusy();
  });

  resolveRemote(config.remoteAddress).then(
    (target) => {
      if (client.destroyed) return;
      const socket = createSocket({
        type: target.family === 6 ? "udp6" : "udp4",
        recvBufferSize: TUNNEL_UDP_BUFFER_BYTES,
        sendBufferSize: TUNNEL_UDP_BUFFER_BYTES,
      });
      udp = socket;
      socket.on("message", (msg) => {
        if (flow.mayReply(msg)) writeFrame(client, msg);
      });
      // A connected UDP socket reports ICMP "port unreachable" as ECONNREFUSED on the next
      // receive. The remote may come back (a restarting DNS server), so the tunnel stays up;
      // the error is logged once per distinct message.
      socket.on("error", (err) => {
        if (err.message !== lastUdpError) log("warn", `${tag} udp: ${err.message}`);
        lastUdpError = err.message;
      });
      socket.connect(config.remotePort, target.address, () => {
        if (client.destroyed) return close();
        log(
          "info",
          `${tag} tunnel to ${config.remoteAddress}:${config.remotePort} (${target.address})`,
        );
        client.resume();
      });
    },
    (err: NodeJS.ErrnoException) => {
      log("report", connectFailedLine(config, err));
      client.destroy();
    },
  );
}
