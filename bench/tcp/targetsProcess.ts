// The servers every benchmark row talks to, in their own process so they do not share the load
// generator's event loop. Direct runs connect here; kube-sim's pods forward their ports here.
//   echo: echoes bytes · source: `SOURCE <n>\n` → n bytes then EOF · greet: greets first · http:
//   HTTP/1.1 (bulk download, 1 KiB echo, and "ok" for the recovery row)
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

// GET /bulk?bytes=N: N bytes (Content-Length); POST /echo: the body back; anything else: "ok".
const http = createHttp((req, res) => {
  const url = new URL(req.url ?? "/", "http://x");
  if (url.pathname === "/bulk") {
    let left = Number(url.searchParams.get("bytes") ?? 0);
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": left });
    const pump = () => {
      while (left > 0) {
        const n = Math.min(left, chunk.length);
        left -= n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          res.once("drain", pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return;
  }
  if (url.pathname === "/echo") {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => {
      const body = Buffer.concat(parts);
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.end(body);
    });
    return;
  }
  res.end("ok\n");
});

const ports = await Promise.all([listen(echo), listen(source), listen(greet), listen(http)]);
console.log(
  `targets ${JSON.stringify({ echo: ports[0], source: ports[1], greet: ports[2], http: ports[3] })}`,
);
// Ends with the parent: stdin is a pipe from it.
process.stdin.on("close", () => process.exit(0));
process.stdin.resume();
