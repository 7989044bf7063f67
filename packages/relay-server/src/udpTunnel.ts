import { createSocket, type Socket as UdpSocket } from "node:dgram";
import type { Socket } from "node:net";
import { CodecError, FrameDecoder, MAX_DATAGRAM, writeFrame } from "./codec.ts";
import type { RelayConfig } from "./config.ts";
import type { Log } from "./log.ts";
import { resolveRemote } from "./resolveRemote.ts";

/** Datagrams handed to the kernel but not yet sent; above this the TCP side is paused. */
const MAX_SENDS_IN_FLIGHT = 256;
/** Bytes queued towards the client; above this, datagrams from the remote are dropped (UDP may lose). */
const MAX_QUEUED_TO_CLIENT = 4 * 1024 * 1024;
const UDP_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * One tunnel = one TCP connection = one UDP socket connected to the remote. Full duplex: every
 * datagram the remote sends is framed back as soon as it arrives, however many there are, with
 * no request/reply pairing. Memory stays bounded both ways: the TCP reader pauses while too many
 * sends are pending, and replies are dropped (and counted) when the client cannot keep up.
 */
export function tunnelUdp(client: Socket, config: RelayConfig, log: Log, tag: string): void {
  client.pause();
  const decoder = new FrameDecoder();
  let udp: UdpSocket | null = null;
  let inFlight = 0;
  let up = 0;
  let down = 0;
  let dropped = 0;
  let lastUdpError = "";

  const close = () => {
    if (udp) {
      udp.close();
      udp = null;
      log("info", `${tag} tunnel closed: ${up} datagrams out, ${down} back, ${dropped} dropped`);
    }
  };
  client.on("error", (err) => log("warn", `${tag} client error: ${err.message}`));
  client.once("close", close);
  client.once("end", () => client.end());

  const sent = () => {
    inFlight -= 1;
    if (inFlight < MAX_SENDS_IN_FLIGHT / 2 && client.isPaused() && udp) client.resume();
  };

  client.on("data", (chunk: Buffer) => {
    let frames: Buffer[];
    try {
      frames = decoder.push(chunk);
    } catch (err) {
      if (!(err instanceof CodecError)) throw err;
      log("warn", `${tag} ${err.message}; closing the tunnel`);
      client.destroy();
      return;
    }
    for (const frame of frames) {
      if (!udp) return;
      inFlight += 1;
      up += 1;
      udp.send(frame, sent);
    }
    if (inFlight >= MAX_SENDS_IN_FLIGHT) client.pause();
  });

  resolveRemote(config.remoteAddress).then(
    (target) => {
      if (client.destroyed) return;
      // Larger kernel buffers absorb bursts while the event loop is busy framing (capped by the kernel).
      const socket = createSocket({
        type: target.family === 6 ? "udp6" : "udp4",
        recvBufferSize: UDP_BUFFER_BYTES,
        sendBufferSize: UDP_BUFFER_BYTES,
      });
      udp = socket;
      socket.on("message", (msg) => {
        if (msg.length > MAX_DATAGRAM || client.writableLength > MAX_QUEUED_TO_CLIENT) {
          dropped += 1;
          if (dropped === 1)
            log("warn", `${tag} dropping datagrams: client too slow or datagram too large`);
          return;
        }
        down += 1;
        writeFrame(client, msg);
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
    (err: Error) => {
      log("warn", `${tag} cannot resolve ${config.remoteAddress}: ${err.message}`);
      client.destroy();
    },
  );
}
