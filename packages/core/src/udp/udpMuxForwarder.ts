// The local end of a UDP forward whose relay speaks the mux framing (UDP_FRAMING=mux): every
// local peer (source address and port) gets a peer id, and all peers share one tunnel to the
// relay, each datagram framed with its peer's id. The relay keeps one UDP socket per id and
// frames replies with it, so a reply reaches only the peer that owns the id. A DNS client using a
// fresh source port per query then costs a map entry, not a port-forward stream.

import type { RemoteInfo } from "node:dgram";
import type { Duplex } from "node:stream";
import {
  encodeMuxFrame,
  MAX_PEER_ID,
  MuxFrameDecoder,
  writeMuxFrame,
} from "@ferry/relay-server/codec";
import type { UdpForwarder, UdpForwarderOptions } from "./udpForwarder.ts";
import { bindUdpSocket } from "./udpSocket.ts";

/** A peer with no datagram either way for this long is forgotten (the relay closes sooner). */
export const DEFAULT_MUX_IDLE_PEER_MS = 60_000;
/** Peers mapped at once; the least recently active one gives way to a new one. */
export const DEFAULT_MUX_MAX_PEERS = 4096;
/** Frames kept while the tunnel is opening. */
const MAX_PENDING = 1024;
/** A tunnel with this much unsent data drops further datagrams: UDP may lose, memory may not grow. */
const MAX_TUNNEL_BACKLOG = 4 * 1024 * 1024;

interface MuxPeer {
  id: number;
  key: string;
  address: string;
  port: number;
  lastActive: number;
}

export async function startUdpMuxForwarder(o: UdpForwarderOptions): Promise<UdpForwarder> {
  const log = o.log ?? (() => {});
  const idleMs = o.idlePeerMs ?? DEFAULT_MUX_IDLE_PEER_MS;
  const maxPeers = o.maxPeers ?? DEFAULT_MUX_MAX_PEERS;
  // Insertion order = least recently active first (a peer is re-inserted when it speaks).
  const byKey = new Map<string, MuxPeer>();
  const byId = new Map<number, MuxPeer>();
  let lastId = 0;
  let tunnel: Duplex | null = null;
  let pending: Buffer[] | null = null;
  let closed = false;

  const forget = (peer: MuxPeer) => {
    byKey.delete(peer.key);
    byId.delete(peer.id);
  };

  // The last peer seen: most traffic comes from one or a few, so a datagram from the same one
  // skips the key string and the LRU move (4 % of the forwarder's busy time at 40 000/s).
  let latest: MuxPeer | null = null;
  const peerFor = (from: RemoteInfo): MuxPeer => {
    if (
      latest &&
      latest.port === from.port &&
      latest.address === from.address &&
      byId.get(latest.id) === latest
    )
      return latest;
    const key = `${from.address}:${from.port}`;
    const known = byKey.get(key);
    if (known) {
      byKey.delete(key);
      byKey.set(key, known);
      latest = known;
      return known;
    }
    if (byKey.size >= maxPeers) forget(byKey.values().next().value as MuxPeer);
    // Ids count up (wrapping), so a forgotten peer's id is not handed out again soon.
    do lastId = lastId >= MAX_PEER_ID ? 1 : lastId + 1;
    while (byId.has(lastId));
    const peer = { id: lastId, key, address: from.address, port: from.port, lastActive: 0 };
    byKey.set(key, peer);
    byId.set(peer.id, peer);
    latest = peer;
    return peer;
  };

  const dropTunnel = (t: Duplex) => {
    if (tunnel === t) tunnel = null;
    t.destroy();
  };

  const openTunnel = () => {
    pending = [];
    o.openTunnel().then(
      (t) => {
        if (closed) return void t.destroy();
        tunnel = t;
        const decoder = new MuxFrameDecoder();
        t.on("data", (chunk: Buffer) => {
          let datagrams: ReturnType<MuxFrameDecoder["push"]>;
          try {
            datagrams = decoder.push(chunk);
          } catch (err) {
            log("warn", `UDP tunnel: ${(err as Error).message}; reopening it`);
            return dropTunnel(t);
          }
          const now = Date.now();
          for (const d of datagrams) {
            const peer = byId.get(d.peer);
            if (!peer) continue;
            peer.lastActive = now;
            socket.send(d.payload, peer.port, peer.address);
            o.onTraffic?.(0, d.payload.length);
          }
        });
        t.on("error", (err) => log("warn", `UDP tunnel error: ${err.message}`));
        // A port-forward stream ends (rather than closes) when the pod side closes normally.
        t.once("end", () => dropTunnel(t));
        t.once("close", () => dropTunnel(t));
        const queued = pending ?? [];
        pending = null;
        if (queued.length > 0) t.write(queued.length === 1 ? queued[0] : Buffer.concat(queued));
      },
      (err: Error) => {
        pending = null;
        log("warn", `UDP forward: cannot open a tunnel to the relay: ${err.message}`);
      },
    );
  };

  const onDatagram = (msg: Buffer, from: RemoteInfo) => {
    const peer = peerFor(from);
    peer.lastActive = Date.now();
    o.onTraffic?.(msg.length, 0);
    if (tunnel) {
      // Corked until the next tick: a burst of datagrams goes out as one write to the tunnel.
      if (tunnel.writableLength < MAX_TUNNEL_BACKLOG) writeMuxFrame(tunnel, peer.id, msg);
      return;
    }
    if (!pending) openTunnel();
    if (pending && pending.length < MAX_PENDING) pending.push(encodeMuxFrame(peer.id, msg));
  };

  const socket = await bindUdpSocket({ ...o, log }, onDatagram);

  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const peer of [...byKey.values()]) if (peer.lastActive < cutoff) forget(peer);
    },
    Math.max(50, Math.min(idleMs / 4, 10_000)),
  );
  sweep.unref();

  return {
    port: socket.address().port,
    peers: () => byKey.size,
    dropTunnels: () => {
      if (tunnel) dropTunnel(tunnel);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        clearInterval(sweep);
        if (tunnel) dropTunnel(tunnel);
        byKey.clear();
        byId.clear();
        socket.close(() => resolve());
      }),
  };
}
