// Pod port-forward over WebSocket (`v4.channel.k8s.io`, or no subprotocol), as the kubelet does:
// per requested port a data channel 2i and an error channel 2i+1, each opening with a 2-byte
// little-endian port header, then frames of one channel byte + payload.
import net from "node:net";
import type { WebSocket } from "ws";
import type { Cluster } from "./cluster.ts";
import { writeCoalescer } from "./coalescedWrites.ts";

const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;

export function parsePorts(q: URLSearchParams): number[] | string {
  const raw = q.getAll("ports").flatMap((p) => p.split(","));
  if (raw.length === 0) return 'query parameter "ports" is required';
  const ports = raw.map((p) => Number(p.trim()));
  const bad = raw.find(
    (_p, i) => !Number.isInteger(ports[i]) || (ports[i] ?? 0) < 1 || (ports[i] ?? 0) > 65535,
  );
  if (bad !== undefined) return `invalid port "${bad}"`;
  return ports;
}

/**
 * The kubelet's (containerd's) text for a port nothing listens on. Clients add their own prefix
 * (kubectl: "an error occurred forwarding L -> R: ").
 */
export function refusedMessage(_podName: string, uid: string, port: number): string {
  const sandbox = uid.replace(/-/g, "");
  return `error forwarding port ${port} to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-${uid}": failed to connect to localhost:${port} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

/** Connects to the pod's port; calls back with the socket or the kubelet-like error text. */
export function dialPodPort(
  cluster: Cluster,
  ns: string,
  name: string,
  port: number,
): net.Socket | { error: string } {
  const uid = cluster.store.get("pods", ns, name)?.metadata.uid ?? "";
  const target = cluster.podTarget(ns, name, port);
  if (!target) return { error: refusedMessage(name, uid, port) };
  const socket = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
  cluster.countStream(socket);
  return socket;
}

export function servePortForwardWs(
  cluster: Cluster,
  ws: WebSocket,
  ns: string,
  name: string,
  ports: number[],
) {
  const uid = cluster.store.get("pods", ns, name)?.metadata.uid ?? "";
  const sockets: (net.Socket | undefined)[] = [];
  const coalescers: (() => void)[] = [];
  let open = ports.length;
  const untrack = cluster.trackForward(ns, name, () => ws.terminate());
  const frame = (channel: number, payload: Buffer) => {
    const b = Buffer.allocUnsafe(payload.length + 1);
    b[0] = channel;
    payload.copy(b, 1);
    return b;
  };
  const header = (port: number) => {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(port);
    return b;
  };
  const pausedByWs = new Set<net.Socket>();
  const maybeResume = () => {
    if (ws.bufferedAmount > LOW_WATER) return;
    for (const s of pausedByWs) s.resume();
    pausedByWs.clear();
  };
  ports.forEach((port, i) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame(2 * i, header(port)));
    ws.send(frame(2 * i + 1, header(port)));
    const dialed = dialPodPort(cluster, ns, name, port);
    const fail = (text: string) => {
      if (ws.readyState === ws.OPEN) ws.send(frame(2 * i + 1, Buffer.from(text)));
      if (--open === 0) ws.close(1000);
    };
    if ("error" in dialed) {
      fail(dialed.error);
      return;
    }
    const sock = dialed;
    sockets[i] = sock;
    coalescers[i] = writeCoalescer(sock);
    sock.on("data", (d: Buffer) => {
      if (ws.readyState !== ws.OPEN) return;
      ws.send(frame(2 * i, d), maybeResume);
      if (ws.bufferedAmount > HIGH_WATER) {
        sock.pause();
        pausedByWs.add(sock);
      }
    });
    sock.on("drain", () => ws.resume());
    sock.on("error", (e: NodeJS.ErrnoException) => {
      const text =
        e.code === "ECONNREFUSED"
          ? refusedMessage(name, uid, port)
          : `error forwarding port ${port} to pod ${name}: ${e.message}`;
      sockets[i] = undefined;
      fail(text);
    });
    // v4 has no half-close: once the pod side ends the stream is over, as with the kubelet.
    sock.on("end", () => {
      sockets[i] = undefined;
      sock.destroy();
      if (--open === 0) ws.close(1000);
    });
  });
  ws.on("message", (data: Buffer, isBinary: boolean) => {
    const buf = isBinary ? data : Buffer.from(data);
    if (buf.length < 1) return;
    const channel = buf[0] as number;
    if (channel % 2 !== 0) return;
    const sock = sockets[channel / 2];
    if (!sock || buf.length === 1) return;
    coalescers[channel / 2]?.();
    if (!sock.write(buf.subarray(1))) ws.pause();
  });
  ws.on("close", () => {
    untrack();
    for (const s of sockets) s?.destroy();
  });
  ws.on("error", () => {});
}
