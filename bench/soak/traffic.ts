// One request through a forward, by kind: HTTP through a TCP service forward, a DNS query from a
// fresh source port through a UDP forward, a Redis PING through a proxy forward. Each resolves
// true on a correct answer within the timeout, false otherwise; none throws.
import { request } from "node:http";
import { connect } from "node:net";
import { dnsQuery } from "../udp/dnsQuery.ts";

export type ForwardKind = "http" | "dns" | "redis";

export function probe(kind: ForwardKind, port: number, timeoutMs: number): Promise<boolean> {
  if (kind === "dns")
    return dnsQuery({ port }, "auth.backend.svc.cluster.local", timeoutMs).then(
      (r) => !!r?.ip && !r.wrong,
      () => false,
    );
  return kind === "http" ? httpGet(port, timeoutMs) : redisPing(port, timeoutMs);
}

function httpGet(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: "127.0.0.1", port, path: "/soak", agent: false, timeout: timeoutMs },
      (res) => {
        let body = "";
        res.on("data", (d) => {
          body += d;
        });
        res.on("end", () => resolve(res.statusCode === 200 && body.includes('"pod"')));
        res.on("error", () => resolve(false));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve(false));
    req.end();
  });
}

function redisPing(port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, "127.0.0.1");
    let got = "";
    const done = (ok: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    s.on("connect", () => s.write("*1\r\n$4\r\nPING\r\n"));
    s.on("data", (d) => {
      got += d;
      if (got.includes("\r\n")) done(got.startsWith("+PONG"));
    });
    s.on("error", () => done(false));
    s.on("close", () => done(false));
  });
}
