// Pushes `bytes` through a TCP endpoint that discards them and reports MiB/s.
import { once } from "node:events";
import { connect, createServer } from "node:net";

export async function tcpSink(): Promise<{ port: number; close: () => void }> {
  const server = createServer((s) => {
    s.on("data", () => {});
    s.on("end", () => s.end("done"));
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
  let sent = 0;
  while (sent < bytes) {
    sent += chunk.length;
    if (!socket.write(chunk)) await once(socket, "drain");
  }
  socket.end();
  // The sink answers "done" after reading everything: the clock stops when all bytes arrived.
  await once(socket, "data");
  const seconds = (performance.now() - start) / 1000;
  socket.destroy();
  return sent / (1024 * 1024) / seconds;
}
