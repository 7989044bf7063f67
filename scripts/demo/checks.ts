// One real request through each of the demo's four forwards, with no client tools needed.

import { createSocket } from "node:dgram";
import { connect } from "node:net";
import dnsPacket from "dns-packet";

export interface CheckResult {
  ok: boolean;
  detail: string;
}

export interface DemoCheck {
  alias: string;
  run: () => Promise<CheckResult>;
}

const TIMEOUT_MS = 5000;

function failed(err: unknown): CheckResult {
  return { ok: false, detail: (err as Error).message ?? String(err) };
}

async function httpCheck(url: string): Promise<CheckResult> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = await res.text();
    const pod = /"pod"\s*:\s*"([^"]+)"/.exec(body)?.[1];
    return {
      ok: res.ok,
      detail: `GET ${url} → ${res.status}${pod ? ` from pod ${pod}` : ""}`,
    };
  } catch (err) {
    return failed(err);
  }
}

function dnsCheck(host: string, port: number, name: string): Promise<CheckResult> {
  return new Promise((done) => {
    const socket = createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      done({ ok: false, detail: `no DNS answer for ${name} within ${TIMEOUT_MS} ms` });
    }, TIMEOUT_MS);
    socket.on("message", (msg) => {
      clearTimeout(timer);
      socket.close();
      const answer = dnsPacket.decode(msg).answers?.find((a) => a.type === "A");
      done(
        answer && answer.type === "A"
          ? { ok: true, detail: `A ${name} → ${answer.data}` }
          : { ok: false, detail: `DNS reply for ${name} had no A record` },
      );
    });
    const query = dnsPacket.encode({
      type: "query",
      id: 4242,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: "A", name }],
    });
    socket.send(query, port, host);
  });
}

function redisCheck(host: string, port: number): Promise<CheckResult> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    let reply = "";
    socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error("no Redis reply in time")));
    socket.on("connect", () => socket.write("*1\r\n$4\r\nPING\r\n"));
    socket.on("data", (chunk) => {
      reply += chunk.toString("utf8");
      if (reply.includes("\r\n")) {
        socket.end();
        const line = reply.split("\r\n")[0]!;
        done({ ok: line === "+PONG", detail: `PING → ${line}` });
      }
    });
    socket.on("error", (err) => done(failed(err)));
  });
}

export const DEMO_CHECKS: DemoCheck[] = [
  { alias: "web-frontend-svc", run: () => httpCheck("http://127.0.0.1:8080/") },
  { alias: "auth-api-pod", run: () => httpCheck("http://127.0.0.2:9001/") },
  {
    alias: "cluster-dns-udp",
    run: () => dnsCheck("127.0.0.1", 5353, "kubernetes.default.svc.cluster.local"),
  },
  { alias: "private-redis-proxy", run: () => redisCheck("127.0.0.1", 6379) },
];
