// startKubeSim: a local Kubernetes API over HTTPS with pods behind real sockets. See README.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { handleApi, route } from "./api.ts";
import { makeCerts } from "./certs.ts";
import { Cluster } from "./cluster.ts";
import { kubeconfigYaml } from "./kubeconfig.ts";
import { parsePorts, servePortForwardWs } from "./portforward.ts";
import { resolveScenario, type Scenario } from "./scenario.ts";
import { servePortForwardSpdy } from "./spdy.ts";
import { sendStatus, statusObject } from "./status.ts";
import type { KObject } from "./store.ts";

export type { Scenario } from "./scenario.ts";
export { demoScenario, testScenario } from "./scenario.ts";

export type KubeSimOptions = {
  scenario?: "demo" | "test" | Scenario | string;
  /** Where kubeconfig is written; a temp dir (removed on close) by default. */
  dir?: string;
  /** Pending → Running at half this, Ready at this. Default 100 ms. */
  readyDelayMs?: number;
  /** A deleted workload pod is replaced after this. Default 200 ms. */
  replaceDelayMs?: number;
  /** Fixed API port (0 = ephemeral, the default). */
  port?: number;
  /** Fixed kubeconfig path (overrides dir/kubeconfig). */
  kubeconfigPath?: string;
};

export type KubeSim = {
  kubeconfigPath: string;
  server: string;
  token: string;
  caPem: string;
  contexts: string[];
  deletePod(ns: string, name: string): boolean;
  setReady(ns: string, name: string, ready: boolean): boolean;
  dropConnections(ns: string, name: string): number;
  pauseApi(): Promise<void>;
  resumeApi(): Promise<void>;
  setLatency(ms: number): void;
  /** Forget the watch history: a watch from an older resourceVersion gets 410 Gone. */
  compact(): void;
  listPods(ns?: string): KObject[];
  getPod(ns: string, name: string): KObject | undefined;
  close(): Promise<void>;
};

function freeClosedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function rawReply(socket: Duplex, code: number, message: string) {
  const body = JSON.stringify(statusObject(code, message));
  socket.end(
    `HTTP/1.1 ${code} ${code === 401 ? "Unauthorized" : "Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const scenario = resolveScenario(options.scenario);
  const certsReady = makeCerts();
  const token = randomBytes(24).toString("hex");
  const cluster = new Cluster(scenario, {
    readyDelayMs: options.readyDelayMs ?? 100,
    replaceDelayMs: options.replaceDelayMs ?? 200,
  });
  let latency = 0;
  const sockets = new Set<Duplex>();
  const authorized = (h: string | undefined) => h === `Bearer ${token}`;

  await cluster.start();
  const certs = await certsReady;
  const server = https.createServer({ key: certs.keyPem, cert: certs.certPem });
  server.on("secureConnection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("request", async (req, res) => {
    if (!authorized(req.headers.authorization)) return sendStatus(res, 401, "Unauthorized");
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    try {
      await handleApi(cluster, req, res, () => {});
    } catch (e) {
      if (!res.headersSent) sendStatus(res, 500, (e as Error).message);
      else res.destroy();
    }
  });

  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) =>
      protocols.has("v4.channel.k8s.io") ? "v4.channel.k8s.io" : false,
  });
  server.on("upgrade", async (req, socket, head) => {
    socket.on("error", () => {});
    if (!authorized(req.headers.authorization)) return rawReply(socket, 401, "Unauthorized");
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const url = new URL(req.url ?? "/", "https://sim");
    const r = route(url.pathname);
    if (!r || r.kind !== "pods" || r.sub !== "portforward" || !r.ns || !r.name) {
      return rawReply(socket, 400, "upgrade is only supported on pods/portforward");
    }
    const ns = r.ns;
    const name = r.name;
    const pod = cluster.store.get("pods", ns, name);
    if (!pod) return rawReply(socket, 404, `pods "${name}" not found`);
    if (pod.status?.phase !== "Running") {
      return rawReply(socket, 400, `pod ${name} is not running (phase ${pod.status?.phase})`);
    }
    const upgrade = String(req.headers.upgrade ?? "").toLowerCase();
    if (upgrade.startsWith("spdy/"))
      return servePortForwardSpdy(cluster, req, socket, head, ns, name);
    const offered = String(req.headers["sec-websocket-protocol"] ?? "")
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean);
    // Only the SPDY-over-WebSocket tunnel offered: refuse the upgrade so kubectl falls back to SPDY.
    if (
      offered.length > 0 &&
      !offered.includes("v4.channel.k8s.io") &&
      offered.some((p) => p.startsWith("SPDY/"))
    ) {
      return rawReply(socket, 400, "SPDY over WebSocket is not supported; use SPDY/3.1");
    }
    const ports = parsePorts(url.searchParams);
    if (typeof ports === "string") return rawReply(socket, 400, ports);
    wss.handleUpgrade(req, socket, head, (ws) => servePortForwardWs(cluster, ws, ns, name, ports));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });

  const port = await listen(options.port ?? 0);
  const serverUrl = `https://127.0.0.1:${port}`;
  const downPort = await freeClosedPort();
  const ownDir = !options.dir && !options.kubeconfigPath;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "kube-sim-"));
  mkdirSync(dir, { recursive: true });
  const kubeconfigPath = options.kubeconfigPath ?? join(dir, "kubeconfig");
  const extra = scenario.extraContexts ?? [];
  writeFileSync(
    kubeconfigPath,
    kubeconfigYaml({
      server: serverUrl,
      downServer: `https://127.0.0.1:${downPort}`,
      caPem: certs.caPem,
      token,
      extraContexts: extra,
    }),
    { mode: 0o600 },
  );
  writeFileSync(join(dir, "ca.crt"), certs.caPem);

  let paused = false;
  let closing: Promise<void> | undefined;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  return {
    kubeconfigPath,
    server: serverUrl,
    token,
    caPem: certs.caPem,
    contexts: ["sim", "sim-other", "sim-down", ...extra],
    deletePod: (ns, name) => cluster.deletePod(ns, name) !== undefined,
    setReady: (ns, name, ready) => cluster.setReady(ns, name, ready),
    dropConnections: (ns, name) => cluster.dropConnections(ns, name),
    async pauseApi() {
      if (paused) return;
      paused = true;
      const closed = new Promise((r) => server.close(r));
      dropAll();
      await closed;
    },
    async resumeApi() {
      if (!paused) return;
      paused = false;
      await listen(port);
    },
    setLatency(ms) {
      latency = ms;
    },
    compact: () => cluster.store.compact(),
    listPods: (ns) => cluster.store.list("pods", ns),
    getPod: (ns, name) => cluster.store.get("pods", ns, name),
    async close() {
      if (closing) return closing;
      closing = (async () => {
        const closed = paused ? Promise.resolve() : new Promise((r) => server.close(r));
        dropAll();
        for (const c of wss.clients) c.terminate();
        await closed;
        await cluster.close();
        if (ownDir) rmSync(dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
