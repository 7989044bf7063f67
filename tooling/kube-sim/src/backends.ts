// The real servers behind pod ports and external hosts, each on an ephemeral 127.0.0.1 port.
import dgram from "node:dgram";
import http from "node:http";
import net from "node:net";
import dnsPacket from "dns-packet";
import { patternSlice } from "./bulkPattern.ts";
import type { BackendSpec } from "./scenario.ts";

export type Backend = {
  host: string;
  port: number;
  protocol: "TCP" | "UDP";
  close(): void;
};

export type BackendContext = {
  /** Pod (or external host) name reported by the HTTP echo and the greeter. */
  name: string;
  namespace: string;
  /** DNS answers for the `dns` backend: a name → IPv4 or undefined. */
  resolve?: (name: string) => string | undefined;
};

function listenTcp(server: net.Server): Promise<Backend> {
  const sockets = new Set<net.Socket>();
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      resolve({
        host: "127.0.0.1",
        port,
        protocol: "TCP",
        close() {
          server.close();
          for (const s of sockets) s.destroy();
        },
      });
    });
  });
}

function listenUdp(onMessage: (sock: dgram.Socket, msg: Buffer, rinfo: dgram.RemoteInfo) => void) {
  const sock = dgram.createSocket("udp4");
  sock.on("message", (msg, rinfo) => onMessage(sock, msg, rinfo));
  sock.on("error", () => {});
  return new Promise<Backend>((resolve) => {
    sock.bind(0, "127.0.0.1", () => {
      resolve({
        host: "127.0.0.1",
        port: sock.address().port,
        protocol: "UDP",
        close: () => sock.close(),
      });
    });
  });
}

function httpEcho(ctx: BackendContext): Promise<Backend> {
  const server = http.createServer((req, res) => {
    let bytes = 0;
    req.on("data", (c: Buffer) => {
      bytes += c.length;
    });
    req.on("end", () => {
      const body = JSON.stringify({
        pod: ctx.name,
        namespace: ctx.namespace,
        method: req.method,
        path: req.url,
        host: req.headers.host,
        bodyBytes: bytes,
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(`${body}\n`);
    });
  });
  return listenTcp(server);
}

function tcpEcho(): Promise<Backend> {
  return listenTcp(net.createServer((s) => s.pipe(s)));
}

/** Speaks first, as server-first protocols (SMTP, MySQL, Redis replicas...) do; then echoes. */
function greeter(ctx: BackendContext): Promise<Backend> {
  return listenTcp(
    net.createServer((s) => {
      s.write(`220 hello from ${ctx.name}\r\n`);
      s.pipe(s);
    }),
  );
}

/**
 * Bulk sink/source for benchmarks. A connection that starts with `SOURCE <n>\n` receives n bytes
 * ("a"s) then EOF; `PATTERN <n>\n` receives n bytes of `patternSlice` (for checksums) then EOF;
 * any other connection is a sink that answers the byte count once the client half-closes.
 */
function bulk(): Promise<Backend> {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const slice = (patterned: boolean, offset: number, n: number) =>
    patterned ? patternSlice(offset, n) : n === chunk.length ? chunk : chunk.subarray(0, n);
  return listenTcp(
    net.createServer({ allowHalfOpen: true }, (s) => {
      let count = 0;
      let head: Buffer | null = Buffer.alloc(0);
      s.on("data", (d: Buffer) => {
        count += d.length;
        if (head === null) return;
        head = Buffer.concat([head, d]);
        const nl = head.indexOf(10);
        if (nl < 0 && head.length < 64) return;
        const line = head.subarray(0, nl < 0 ? head.length : nl).toString();
        head = null;
        const m = /^(SOURCE|PATTERN) (\d+)$/.exec(line);
        if (!m) return;
        const patterned = m[1] === "PATTERN";
        const total = Number(m[2]);
        let left = total;
        const pump = () => {
          while (left > 0) {
            const n = Math.min(left, chunk.length);
            const data = slice(patterned, total - left, n);
            left -= n;
            if (!s.write(data)) {
              s.once("drain", pump);
              return;
            }
          }
          s.end();
        };
        pump();
      });
      s.on("end", () => {
        if (head !== null || !s.writableEnded) s.end(`${count}\n`);
      });
    }),
  );
}

function udpEcho(): Promise<Backend> {
  return listenUdp((sock, msg, rinfo) => sock.send(msg, rinfo.port, rinfo.address));
}

function dns(ctx: BackendContext): Promise<Backend> {
  return listenUdp((sock, msg, rinfo) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(msg);
    } catch {
      return;
    }
    const answers: dnsPacket.Answer[] = [];
    let found = false;
    for (const q of query.questions ?? []) {
      const ip = ctx.resolve?.(q.name.replace(/\.$/, "").toLowerCase());
      if (ip !== undefined) found = true;
      if (ip !== undefined && q.type === "A") {
        answers.push({ type: "A", name: q.name, ttl: 30, class: "IN", data: ip });
      }
    }
    const reply = dnsPacket.encode({
      id: query.id,
      type: "response",
      // RA + RD echoed; NXDOMAIN (rcode 3) when no question named anything we know.
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (found ? 0 : 3),
      questions: query.questions,
      answers,
    });
    sock.send(reply, rinfo.port, rinfo.address);
  });
}

/** A RESP responder with PING, ECHO, GET, SET, DEL: enough for a redis-cli smoke test. */
function redis(): Promise<Backend> {
  const store = new Map<string, string>();
  const bulkStr = (v: string | undefined) =>
    v === undefined ? "$-1\r\n" : `$${Buffer.byteLength(v)}\r\n${v}\r\n`;
  const answer = (args: string[]): string => {
    const cmd = (args[0] ?? "").toUpperCase();
    if (cmd === "PING") return args[1] ? bulkStr(args[1]) : "+PONG\r\n";
    if (cmd === "ECHO") return bulkStr(args[1] ?? "");
    if (cmd === "GET") return bulkStr(store.get(args[1] ?? ""));
    if (cmd === "SET") {
      store.set(args[1] ?? "", args[2] ?? "");
      return "+OK\r\n";
    }
    if (cmd === "DEL") return `:${args.slice(1).filter((k) => store.delete(k)).length}\r\n`;
    if (cmd === "COMMAND" || cmd === "CLIENT" || cmd === "HELLO") return "+OK\r\n";
    return `-ERR unknown command '${args[0] ?? ""}'\r\n`;
  };
  return listenTcp(
    net.createServer((s) => {
      let buf = "";
      s.setEncoding("utf8");
      s.on("data", (d: string) => {
        buf += d;
        for (;;) {
          const parsed = parseResp(buf);
          if (!parsed) return;
          buf = buf.slice(parsed.used);
          s.write(answer(parsed.args));
        }
      });
    }),
  );
}

/** One command from the front of `buf` (array of bulk strings, or an inline command). */
export function parseResp(buf: string): { args: string[]; used: number } | undefined {
  if (buf.length === 0) return undefined;
  if (buf[0] !== "*") {
    const nl = buf.indexOf("\r\n");
    if (nl < 0) return undefined;
    return { args: buf.slice(0, nl).trim().split(/\s+/), used: nl + 2 };
  }
  let i = buf.indexOf("\r\n");
  if (i < 0) return undefined;
  const n = Number(buf.slice(1, i));
  i += 2;
  const args: string[] = [];
  for (let k = 0; k < n; k++) {
    const nl = buf.indexOf("\r\n", i);
    if (nl < 0 || buf[i] !== "$") return undefined;
    const len = Number(buf.slice(i + 1, nl));
    const start = nl + 2;
    if (buf.length < start + len + 2) return undefined;
    args.push(buf.slice(start, start + len));
    i = start + len + 2;
  }
  return { args, used: i };
}

function parseHostPort(target: string): { host: string; port: number } {
  const i = target.lastIndexOf(":");
  return { host: target.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(target.slice(i + 1)) };
}

export async function startBackend(
  spec: BackendSpec,
  ctx: BackendContext,
  protocol: "TCP" | "UDP" = "TCP",
): Promise<Backend> {
  if (typeof spec === "object") {
    const { host, port } = parseHostPort(spec.forward);
    return { host, port, protocol, close() {} };
  }
  switch (spec) {
    case "http":
      return httpEcho(ctx);
    case "tcp-echo":
      return tcpEcho();
    case "greeter":
      return greeter(ctx);
    case "bulk":
      return bulk();
    case "udp-echo":
      return udpEcho();
    case "dns":
      return dns(ctx);
    case "redis":
      return redis();
  }
  throw new Error(`unknown backend ${String(spec)}`);
}
