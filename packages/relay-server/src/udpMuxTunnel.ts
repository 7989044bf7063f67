import { createSocket, type Socket as UdpSocket } from "node:dgram";
import type { Socket } from "node:net";
import type { RelayConfig } from "./config.ts";
import type { Log } from "./log.ts";
import { MuxFrameDecoder, writeMuxFrame } from "./muxCodec.ts";
import { connectFailedLine, type ResolvedRemote, resolveRemote } from "./resolveRemote.ts";
import { TunnelFlow } from "./tunnelFlow.ts";
import { PEER_UDP_RECV_BUFFER_BYTES, PEER_UDP_SEND_BUFFER_BYTES } from "./udpBuffers.ts";

/** Peer sockets per tunnel; past this the least recently used one is closed for the new peer. */
const MAX_PEERS = 4096;
/** A new peer socket re-resolves the remote when the last answer is older than this. */
const RESOLVE_AGAIN_MS = 10_000;

type Peer = { socket: UdpSocket; lastActive: number };

export interface MuxTunnelStats {
  /** Peer UDP sockets open now, across every mux tunnel of this relay. */
  openPeerSockets(): number;
}

let openPeerSockets = 0;
export const muxStats: MuxTunnelStats = { openPeerSockets: () => openPeerSockets };

/**
 * One tunnel carrying many local UDP peers (UDP_FRAMING=mux). Each peer id gets its own UDP
 * socket towards the remote, created on its first datagram and closed after `udpPeerIdleMs` with
 * no datagram either way; the tunnel itself stays. A reply is framed with the id of the socket it
 * arrived on, so it reaches only that peer. Only the remote's datagrams are accepted on a socket.
 */
export function tunnelUdpMux(client: Socket, config: RelayConfig, log: Log, tag: string): void {
  client.pause();
  const decoder = new MuxFrameDecoder();
  // Insertion order = least recently used first: an active peer is moved to the end.
  const peers = new Map<number, Peer>();
  let target: ResolvedRemote | null = null;
  let resolvedAt = 0;
  let resolving = false;
  let opened = 0;
  let closed = false;
  const flow = new TunnelFlow(client, log, tag, () => !closed);

  const closePeer = (id: number, peer: Peer) => {
    peers.delete(id);
    peer.socket.close();
    openPeerSockets -= 1;
  };

  const sweepEvery = Math.max(50, Math.min(1000, config.udpPeerIdleMs / 4));
  const sweep = setInterval(() => {
    const now = Date.now();
    let n = 0;
    for (const [id, peer] of peers) {
      if (now - peer.lastActive >= config.udpPeerIdleMs) {
        closePeer(id, peer);
        n += 1;
      }
    }
    if (n > 0) log("info", `${tag} closed ${n} idle peer socket(s), ${peers.size} open`);
  }, sweepEvery);
  sweep.unref();

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(sweep);
    for (const [id, peer] of peers) closePeer(id, peer);
    log(
      "info",
      `${tag} tunnel closed: ${opened} peers, ${flow.up} datagrams out, ${flow.down} back, ${flow.dropped} dropped`,
    );
  };
  client.on("error", (err) => log("warn", `${tag} client error: ${err.message}`));
  client.once("close", close);
  client.once("end", () => client.end());

  const resolveAgain = () => {
    if (resolving || Date.now() - resolvedAt < RESOLVE_AGAIN_MS) return;
    resolving = true;
    resolveRemote(config.remoteAddress).then(
      (t) => {
        target = t;
        resolvedAt = Date.now();
        resolving = false;
      },
      () => {
        // Keep the last answer: a resolver hiccup should not cut new peers off.
        resolving = false;
      },
    );
  };

  const openPeer = (id: number, remote: ResolvedRemote): Peer => {
    if (peers.size >= MAX_PEERS) {
      const [oldestId, oldest] = peers.entries().next().value as [number, Peer];
      closePeer(oldestId, oldest);
      log(
        "warn",
        `${tag} ${MAX_PEERS} peer sockets open: closed the least recently opened (peer ${oldestId})`,
      );
    }
    const socket = createSocket({
      type: remote.family === 6 ? "udp6" : "udp4",
      recvBufferSize: PEER_UDP_RECV_BUFFER_BYTES,
      sendBufferSize: PEER_UDP_SEND_BUFFER_BYTES,
    });
    const peer: Peer = { socket, lastActive: Date.now() };
    socket.on("message", (msg, from) => {
      if (from.port !== config.remotePort || from.address !== remote.address) return;
      peer.lastActive = Date.now();
      if (flow.mayReply(msg)) writeMuxFrame(client, id, msg);
    });
    socket.on("error", (err) => log("warn", `${tag} peer ${id} udp: ${err.message}`));
    peers.set(id, peer);
    opened += 1;
    openPeerSockets += 1;
    return peer;
  };

  client.on("data", (chunk: Buffer) => {
    const frames = flow.decode((c) => decoder.push(c), chunk);
    const remote = target;
    if (!frames || !remote || closed) return;
    for (const { peer: id, payload } of frames) {
      let peer = peers.get(id);
      if (peer) peers.delete(id);
      else {
        resolveAgain();
        peer = openPeer(id, remote);
      }
      peers.set(id, peer);
      peer.lastActive = Date.now();
      // Unconnected sockets: Node binds on the first send and queues until then.
      peer.socket.send(payload, config.remotePort, remote.address, flow.sending());
    }
    flow.pauseIfBusy();
  });

  resolveRemote(config.remoteAddress).then(
    (t) => {
      if (client.destroyed) return close();
      target = t;
      resolvedAt = Date.now();
      log(
        "info",
        `${tag} mux tunnel to ${config.remoteAddress}:${config.remotePort} (${t.address})`,
      );
      client.resume();
    },
    (err: NodeJS.ErrnoException) => {
      log("report", connectFailedLine(config, err));
      client.destroy();
    },
  );
}
