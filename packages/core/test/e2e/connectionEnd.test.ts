// Issue 13.0: a connection ends at both ends once one side ends it. A client that half-closes
// (`printf 'PING\r\n' | nc -N`) gets its reply and then its end; short connections leave nothing
// open at Ferry or at the server behind the pod. Runs on the transport under test (SPDY tunnel, or
// v4 in the FERRY_E2E_PORT_FORWARD=v4 pass) and through a relay pod (proxy forward).

import { once } from "node:events";
import { type AddressInfo, connect, createServer, type Server, type Socket } from "node:net";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ForwardConfig } from "../../src/index.ts";
import {
  e2eMode,
  makeEngine,
  simReady,
  type TestEngine,
  tcpConfig,
  waitUntil,
  within,
} from "./helpers.ts";

/**
 * A Redis-like server: `+PONG` per PING line, `+OK` and a closed connection for QUIT; it closes a
 * connection when it reads the client's end, as Redis does.
 */
function pongServer(): { server: Server; open: Set<Socket> } {
  const open = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (s) => {
    open.add(s);
    s.on("close", () => open.delete(s));
    s.on("error", () => {});
    s.on("end", () => s.end());
    let buf = "";
    s.on("data", (d) => {
      buf += d.toString();
      for (let i = buf.indexOf("\n"); i >= 0; i = buf.indexOf("\n")) {
        const command = buf.slice(0, i).trim();
        if (command === "PING") s.write("+PONG\r\n");
        if (command === "QUIT") s.end("+OK\r\n", () => s.destroy());
        buf = buf.slice(i + 1);
      }
    });
  });
  return { server, open };
}

/**
 * `printf 'PING\r\n' | nc -N host port`: send, half-close, read until the forward ends the
 * connection; after `giveUpMs` without that end, close and report `ended: false`.
 */
function pingHalfClosed(port: number, giveUpMs = 8000): Promise<{ reply: string; ended: boolean }> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: "127.0.0.1", port, allowHalfOpen: true });
    let reply = "";
    let ended = false;
    const giveUp = setTimeout(() => s.destroy(), giveUpMs);
    s.on("connect", () => s.end("PING\r\n"));
    s.on("data", (d) => {
      reply += d.toString();
    });
    s.on("end", () => {
      ended = true;
      s.destroy();
    });
    s.on("error", reject);
    s.on("close", () => {
      clearTimeout(giveUp);
      resolve({ reply, ended });
    });
  });
}

let sim: KubeSim;
let backend: ReturnType<typeof pongServer>;
let backendPort: number;
const engines: TestEngine[] = [];

beforeAll(async () => {
  backend = pongServer();
  backend.server.listen(0, "127.0.0.1");
  await once(backend.server, "listening");
  backendPort = (backend.server.address() as AddressInfo).port;
  sim = await startKubeSim({
    scenario: {
      namespaces: ["default"],
      workloads: [
        {
          name: "pong",
          namespace: "default",
          ports: [
            { name: "tcp", containerPort: 6379, backend: { forward: `127.0.0.1:${backendPort}` } },
          ],
        },
      ],
      services: [
        {
          name: "pong",
          namespace: "default",
          selector: { app: "pong" },
          ports: [{ port: 6379, targetPort: 6379 }],
        },
      ],
    },
  });
  await simReady(sim);
});
afterAll(async () => {
  for (const t of engines) await t.dispose();
  await sim?.close();
  for (const s of backend?.open ?? []) s.destroy();
  backend?.server.close();
});

const forwards: Array<[string, () => ForwardConfig]> = [
  [
    `a service forward (${e2eMode === "v4" ? "v4 streams" : "SPDY tunnel"})`,
    () => tcpConfig(sim.kubeconfigPath, { service: "pong", remote_port: 6379 }),
  ],
  [
    "a proxy forward through a relay pod",
    () =>
      tcpConfig(sim.kubeconfigPath, {
        workload_type: "proxy",
        service: null,
        remote_address: "127.0.0.1",
        remote_port: backendPort,
      }),
  ],
];

describe.each(forwards)("%s", (_name, config) => {
  let t: TestEngine;
  let cfg: ForwardConfig;
  let port: number;
  beforeAll(async () => {
    t = makeEngine();
    engines.push(t);
    cfg = config();
    const s = await t.engine.start(cfg);
    expect(s.state, JSON.stringify(s.error)).toBe("running");
    port = s.localPort!;
  });

  it("a client that half-closes gets its reply, then the end of the connection", async () => {
    const got = await pingHalfClosed(port);
    expect(got).toEqual({ reply: "+PONG\r\n", ended: true });
  });

  it("50 short connections leave no connection open at Ferry or at the server", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => pingHalfClosed(port)));
    expect(results.filter((r) => r.reply === "+PONG\r\n" && r.ended)).toHaveLength(50);
    await waitUntil(
      () =>
        `0 connections (Ferry: ${t.engine.status(cfg.id)?.connections}, server: ${backend.open.size})`,
      () => t.engine.status(cfg.id)?.connections === 0 && backend.open.size === 0,
    );
    expect(t.engine.status(cfg.id)?.connections).toBe(0);
    expect(backend.open.size).toBe(0);
  });

  it("a client that never ends its side is closed once the server has ended (QUIT)", async () => {
    const client = connect({ host: "127.0.0.1", port, allowHalfOpen: true });
    client.on("error", () => {});
    let reply = "";
    client.on("data", (d) => {
      reply += d.toString();
    });
    client.write("QUIT\r\n");
    await within(once(client, "end"), "the end of the connection after QUIT");
    expect(reply).toBe("+OK\r\n");
    try {
      await waitUntil(
        () => `0 connections at Ferry (now ${t.engine.status(cfg.id)?.connections})`,
        () => t.engine.status(cfg.id)?.connections === 0,
      );
      expect(t.engine.status(cfg.id)?.connections).toBe(0);
    } finally {
      client.destroy();
    }
  });
});
