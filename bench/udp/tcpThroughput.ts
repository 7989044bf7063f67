// Pushes `bytes` through a TCP endpoint that discards them and reports MiB/s.
import { once } from "node:events";
import { connect, createServer } from "node:net";

export async function tcpSink(): Promise<{ port: number; close: () => void }> {
  // The first 8 bytes announce the total; "done" goes back once it all arrived. (A half-close
  // would not do: the Kubernetes port-forward protocol cannot carry one.)
  const server = createServer((s) => {
    let want = -1;
    let got = 0;
    let head = Buffer.alloc(0);
    s.on("data", (d: Buffer) => {
      if (want < 0) {
        head = Buffer.concat([head, d]);
        if (head.length < 8) return;
        want = Number(head.readBigUInt64BE(0));
        got = head.length - 8;
      } else got += d.length;
      if (got >= want) s.end("done");
    });
    s.on("error", () => {});
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const addr = server.address();
  return { port: typeof addr === "object" && addr ? addr.port : 0, close: () => server.close() };
}

export async function tcpThroughput(
  target: { host: string; port: number },
  bytes: number,
): Promise<number> {
  const socket = connect({ port: target.port, host: target.host, allowHalfOpen: true });
  await once(socket, "connect");
  const chunk = Buffer.alloc(256 * 1024, 0x62);
  const start = performance.now();
  const header = Buffer.alloc(8);
  header.writeBigUInt64BE(BigInt(Math.ceil(bytes / chunk.length) * chunk.length));
  socket.write(header);
  let sent = 0;
  while (sent < bytes) {
    sent += chunk.length;
    if (!socket.write(chunk)) await once(socket, "drain");
  }
  // The sink answers "done" after reading everything: the clock stops when all bytes arrived.
  await once(socket, "data");
  const seconds = (performance.now() - start) / 1000;
  socket.destroy();
  return sent / (1024 * 1024) / seconds;
}
