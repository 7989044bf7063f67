// The local end of a UDP forward: one UDP socket on local_address:local_port, and one tunnel
// (a framed TCP stream to the relay) per local peer address, so every reply goes back to the
// peer that asked. kftray keeps a single tunnel and answers the most recent peer instead.
import type { RemoteInfo } from "node:dgram";
import type { Duplex } from "node:stream";
import { FrameDecoder, writeFrame } from "@ferry/relay-server/codec";
import type { PortOwner } from "../ports/portInUse.ts";
import { bindUdpSocket } from "./udpSocket.ts";

export interface UdpForwarderOptions {
  localAddress: string;
  /** 0 picks a free port (reported by `port`). */
  localPort: number;
  /** Opens one tunnel to the relay (a port-forward stream to its pod). */
  openTunnel: () => Promise<Duplex>;
  /** A peer with no datagram either way for this long loses its tunnel. */
  idlePeerMs?: number;
  /** At most this many peers (tunnels) at once; datagrams from more peers are dropped. */
  maxPeers?: number;
  /** The running Ferry forward that holds a port this forwarder could not bind, if one does. */
  portOwner?: PortOwner;
  log?: (level: "info" | "warn" | "error", message: string) => void;
  /** Bytes from local peers (out) and back to them (in). */
  onTraffic?: (bytesOut: number, bytesIn: number) => void;
}

export interface UdpForwarder {
  port: number;
  peers(): number;
  /** Closes every tunnel (they reopen on the next datagram): used after the relay was replaced. */
  dropTunnels(): void;
  close(): Promise<void>;
}

export const DEFAULT_IDLE_PEER_MS = 120_000;
export const DEFAULT_MAX_PEERS = 256;
/** Datagrams kept per peer while its tunnel is opening. */
const MAX_PENDING = 64;
/** A tunnel with this much unsent data drops further datagrams: UDP may lose, memory may not grow. */
const MAX_TUNNEL_BACKLOG = 1024 * 1024;

interface Peer {
  key: string;
  address: string;
  port: number;
  tunnel: Duplex | null;
  pending: Buffer[] | null;
  lastActive: number;
}

export async function startUdpForwarder(options: UdpForwarderOptions): Promise<UdpForwarder> {
  const log = options.log ?? (() => {});
  const idleMs = options.idlePeerMs ?? DEFAULT_IDLE_PEER_MS;
  const maxPeers = options.maxPeers ?? DEFAULT_MAX_PEERS;
  const peers = new Map<string, Peer>();
  let closed = false;
  let refusedSince = 0;

  const endPeer = (peer: Peer) => {
    if (peers.get(peer.key) !== peer) return;
    peers.delete(peer.key);
    peer.tunnel?.destroy();
    peer.tunnel = null;
  };

  const openPeer = (peer: Peer) => {
    options.openTunnel().then(
      (tunnel) => {
        if (closed || peers.get(peer.key) !== peer) return void tunnel.destroy();
        peer.tunnel = tunnel;
        const decoder = new FrameDecoder();
        tunnel.on("data", (chunk: Buffer) => {
          let datagrams: Buffer[];
          try {
            datagrams = decoder.push(chunk);
          } catch (err) {
            log("warn", `UDP peer ${peer.key}: ${(err as Error).message}; reopening its tunnel`);
            return endPeer(peer);
          }
          peer.lastActive = Date.now();
          for (const d of datagrams) {
            socket.send(d, peer.port, peer.address);
            options.onTraffic?.(0, d.length);
          }
        });
        tunnel.on("error", (err) =>
          log("warn", `UDP peer ${peer.key}: tunnel error: ${err.message}`),
        );
        // A port-forward stream ends (rather than closes) when the pod side closes normally.
        tunnel.once("end", () => endPeer(peer));
        tunnel.once("close", () => endPeer(peer));
        for (const d of peer.pending ?? []) writeFrame(tunnel, d);
        peer.pending = null;
      },
      (err: Error) => {
        log("warn", `UDP peer ${peer.key}: cannot open a tunnel to the relay: ${err.message}`);
        endPeer(peer);
      },
    );
  };

  const onDatagram = (msg: Buffer, from: RemoteInfo) => {
    const key = `${from.address}:${from.port}`;
    let peer = peers.get(key);
    if (!peer) {
      if (peers.size >= maxPeers) {
        // One line per burst, not per datagram.
        if (Date.now() - refusedSince > 10_000)
          log(
            "warn",
            `UDP forward on ${options.localAddress}:${bound}: ${maxPeers} peers already (the limit); dropping datagrams from new peer ${key} until one goes idle`,
          );
        refusedSince = Date.now();
        return;
      }
      peer = {
        key,
        address: from.address,
        port: from.port,
        tunnel: null,
        pending: [],
        lastActive: Date.now(),
      };
      peers.set(key, peer);
      openPeer(peer);
    }
    peer.lastActive = Date.now();
    options.onTraffic?.(msg.length, 0);
    if (peer.pending) {
      if (peer.pending.length < MAX_PENDING) peer.pending.push(msg);
    } else if (peer.tunnel && peer.tunnel.writableLength < MAX_TUNNEL_BACKLOG) {
      writeFrame(peer.tunnel, msg);
    }
  };

  const socket = await bindUdpSocket({ ...options, log }, onDatagram);
  const bound = socket.address().port;

  const sweep = setInterval(
    () => {
      const cutoff = Date.now() - idleMs;
      for (const peer of peers.values()) if (peer.lastActive < cutoff) endPeer(peer);
    },
    Math.max(50, Math.min(idleMs / 4, 10_000)),
  );
  sweep.unref();

  return {
    port: bound,
    peers: () => peers.size,
    dropTunnels: () => {
      for (const peer of [...peers.values()]) endPeer(peer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        clearInterval(sweep);
        for (const peer of [...peers.values()]) endPeer(peer);
        socket.close(() => resolve());
      }),
  };
}
