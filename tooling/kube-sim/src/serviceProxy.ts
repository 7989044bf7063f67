// Cluster networking for relay pods: a local TCP or UDP listener standing for one Service port,
// spreading connections over the service's Ready pods (what kube-proxy does for a ClusterIP).
import dgram from "node:dgram";
import net from "node:net";

export type Target = { host: string; port: number };
export type ServiceProxy = { port: number; close(): void };

/** `pick` returns a Ready pod's backend for the service port, or undefined when none is Ready. */
export function startTcpProxy(pick: () => Target | undefined): Promise<ServiceProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const target = pick();
    if (!target) {
      client.destroy();
      return;
    }
    const upstream = net.connect({ host: target.host, port: target.port, allowHalfOpen: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    }
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close() {
          server.close();
          for (const s of sockets) s.destroy();
        },
      });
    });
  });
}

export function startUdpProxy(pick: () => Target | undefined): Promise<ServiceProxy> {
  const front = dgram.createSocket("udp4");
  const flows = new Map<string, { sock: dgram.Socket; queue: Buffer[] | null }>();
  front.on("error", () => {});
  front.on("message", (msg, rinfo) => {
    const k = `${rinfo.address}:${rinfo.port}`;
    let flow = flows.get(k);
    if (!flow) {
      const target = pick();
      if (!target) return;
      const sock = dgram.createSocket("udp4");
      const f = { sock, queue: [] as Buffer[] | null };
      sock.on("error", () => {});
      sock.on("message", (reply) => front.send(reply, rinfo.port, rinfo.address));
      // Datagrams that arrive before the connect completes wait for it instead of being lost.
      sock.connect(target.port, target.host, () => {
        for (const m of f.queue ?? []) sock.send(m);
        f.queue = null;
      });
      flows.set(k, f);
      flow = f;
    }
    if (flow.queue) flow.queue.push(msg);
    else flow.sock.send(msg);
  });
  return new Promise((resolve) => {
    front.bind(0, "127.0.0.1", () => {
      resolve({
        port: front.address().port,
        close() {
          front.close();
          for (const f of flows.values()) f.sock.close();
        },
      });
    });
  });
}
