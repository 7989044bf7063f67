// The servers every benchmark row talks to, in their own process so they do not share the load
// generator's event loop. Direct runs connect here; kube-sim's pods forward their ports here.
//   echo: echoes bytes · source: `SOURCE <n>\n` → n bytes then EOF · greet: greets first · http
import { createServer as createHttp } from "node:http";
import { createServer, type Server } from "node:net";

const chunk = Buffer.alloc(64 * 1024, 0x61);

function listen(server: Server | ReturnType<typeof createHttp>): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)),
  );
}

const echo = createServer((s) => {
  s.setNoDelay(true);
  s.pipe(s);
  s.on("error", () => {});
});

const source = createServer((s) => {
  let head = "";
  s.on("error", () => {});
  const onData = (d: Buffer) => {
    head += d.toString("latin1");
    const nl = head.indexOf("\n");
    if (nl < 0) return;
    s.off("data", onData);
    let left = Number(/^SOURCE (\d+)/.exec(head)?.[1] ?? 0);
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!s.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          s.once("drain", pump);
          return;
        }
      }
      s.end();
    };
    pump();
  };
  s.on("data", onData);
});

const greet = createServer((s) => {
  s.setNoDelay(true);
  s.on("error", () => {});
  s.end("hello\n");
});

const http = createHttp((_req, res) => res.end("ok\n"));

const ports = await Promise.all([listen(echo), listen(source), listen(greet), listen(http)]);
console.log(
  `targets ${JSON.stringify({ echo: ports[0], source: ports[1], greet: ports[2], http: ports[3] })}`,
);
// Ends with the parent: stdin is a pipe from it.
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
