// startKubeSim: a local Kubernetes API over HTTPS with pods behind real sockets. See README.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { WebSocketServer } from "ws";
import { type DenyRule, forbiddenMessage } from "./access.ts";
import { handleApi, requestAttributes, route } from "./api.ts";
import { makeCerts } from "./certs.ts";
import { Cluster } from "./cluster.ts";
import { kubeconfigYaml } from "./kubeconfig.ts";
import type { LogQuery } from "./podLog.ts";
import { parsePorts, servePortForwardWs } from "./portforward.ts";
import { resolveScenario, type Scenario } from "./scenario.ts";
import { servePortForwardSpdy, serveSpdyPortForward } from "./spdy.ts";
import { sendStatus, statusObject } from "./status.ts";
import type { KObject } from "./store.ts";
import { wsDuplex } from "./wsDuplex.ts";

export type { DenyRule } from "./access.ts";
export type { LogQuery } from "./podLog.ts";
export { RELAY_LABELS } from "./relayLabels.ts";
export type { Scenario } from "./scenario.ts";
export { demoScenario, testScenario } from "./scenario.ts";

const SPDY_TUNNEL = "SPDY/3.1+portforward.k8s.io";
const V4 = "v4.channel.k8s.io";
/**
 * ws accepts only RFC 6455 tokens as offered subprotocols, and the tunnel's name has a "/" (Go's
 * gorilla, under client-go, does not check); ws is shown this stand-in and answers the real name.
 */
const TUNNEL_TOKEN = "spdy-tunnel.portforward.k8s.io";

/**
 * How a port-forward connection was served: plain SPDY (`Upgrade: SPDY/3.1`), SPDY tunnelled in a
 * WebSocket, a `v4.channel.k8s.io` WebSocket, or a WebSocket with no subprotocol.
 */
export type PortForwardProtocol = "SPDY/3.1" | typeof SPDY_TUNNEL | typeof V4 | "websocket";

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
  /**
   * false: port-forward as an API server before 1.31, with no SPDY tunnel: an upgrade offering
   * only the tunnel is refused (403, as the kubelet's WebSocket handshake does), v4 is chosen
   * when also offered. Default true.
   */
  spdyTunnel?: boolean;
  /** First CrashLoopBackOff delay of a relay container, doubled per restart. Default 10 000. */
  restartBackoffMs?: number;
  /** Prepended to every relay container's argv (e.g. strace in a test). */
  containerWrapper?: string[];
};

export type KubeSim = {
  kubeconfigPath: string;
  server: string;
  token: string;
  caPem: string;
  contexts: string[];
  deletePod(ns: string, name: string): boolean;
  setReady(ns: string, name: string, ready: boolean): boolean;
  /** Node-pressure eviction of a Running pod: Failed, reason Evicted; workloads get a new pod. */
  evictPod(ns: string, name: string, message?: string): boolean;
  /** Pods created from now on whose image matches never pull (ErrImagePull, ImagePullBackOff). */
  failImagePulls(pattern: string | RegExp): void;
  clearImagePullFailures(): void;
  /** Pods created from now on in `ns` ("*": any) stay Pending, PodScheduled False Unschedulable. */
  setUnschedulable(ns: string, on: boolean): void;
  /** Adds an RBAC deny rule (403, and SelfSubjectAccessReview says no). */
  denyAccess(rule: DenyRule): void;
  /** Removes every deny rule, the scenario's too. */
  allowAllAccess(): void;
  dropConnections(ns: string, name: string): number;
  pauseApi(): Promise<void>;
  resumeApi(): Promise<void>;
  setLatency(ms: number): void;
  /** Forget the watch history: a watch from an older resourceVersion gets 410 Gone. */
  compact(): void;
  listPods(ns?: string): KObject[];
  /** What `GET .../pods/{name}/log` serves (undefined: no such pod; a 400 text otherwise). */
  podLogs(ns: string, name: string, query?: LogQuery): string | undefined;
  getPod(ns: string, name: string): KObject | undefined;
  /** Port-forward connections served so far, by protocol. */
  portForwardProtocols(): Partial<Record<PortForwardProtocol, number>>;
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

const REASONS: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found" };

function rawReply(socket: Duplex, code: number, message: string) {
  const body = JSON.stringify(statusObject(code, message));
  socket.end(
    `HTTP/1.1 ${code} ${REASONS[code] ?? "Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const scenario = resolveScenario(options.scenario);
  const certsReady = makeCerts();
  const token = randomBytes(24).toString("hex");
  const cluster = new Cluster(scenario, {
    readyDelayMs: options.readyDelayMs ?? 100,
    replaceDelayMs: options.replaceDelayMs ?? 200,
    restartBackoffMs: options.restartBackoffMs ?? 10_000,
    containerWrapper: options.containerWrapper,
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

  // As an API server from 1.31 does: the SPDY tunnel when offered (kubectl offers it first), else v4.
  const wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (protocols) =>
      protocols.has(TUNNEL_TOKEN) ? SPDY_TUNNEL : protocols.has(V4) ? V4 : false,
  });
  const served = new Map<PortForwardProtocol, number>();
  const count = (p: PortForwardProtocol) => served.set(p, (served.get(p) ?? 0) + 1);
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
    const attrs = requestAttributes(r, "POST", false);
    if (cluster.access.denied(attrs)) return rawReply(socket, 403, forbiddenMessage(attrs));
    const pod = cluster.store.get("pods", ns, name);
    if (!pod) return rawReply(socket, 404, `pods "${name}" not found`);
    if (pod.status?.phase !== "Running") {
      return rawReply(socket, 400, `pod ${name} is not running (phase ${pod.status?.phase})`);
    }
    const upgrade = String(req.headers.upgrade ?? "").toLowerCase();
    if (upgrade.startsWith("spdy/")) {
      if (servePortForwardSpdy(cluster, req, socket, head, ns, name)) count("SPDY/3.1");
      return;
    }
    let offered = String(req.headers["sec-websocket-protocol"] ?? "")
      .split(",")
      .map((p) => p.trim());
    if (options.spdyTunnel === false && offered.includes(SPDY_TUNNEL)) {
      offered = offered.filter((p) => p !== SPDY_TUNNEL);
      if (offered.length === 0)
        return rawReply(
          socket,
          403,
          "requested protocol(s) are not supported: SPDY/3.1+portforward.k8s.io",
        );
      req.headers["sec-websocket-protocol"] = offered.join(", ");
    }
    // The tunnel carries the port in each stream's headers, as plain SPDY does: no `ports` needed.
    if (offered.includes(SPDY_TUNNEL)) {
      req.headers["sec-websocket-protocol"] = TUNNEL_TOKEN;
      return wss.handleUpgrade(req, socket, head, (ws) => {
        count(SPDY_TUNNEL);
        serveSpdyPortForward(cluster, wsDuplex(ws), ns, name);
      });
    }
    const ports = parsePorts(url.searchParams);
    if (typeof ports === "string") return rawReply(socket, 400, ports);
    wss.handleUpgrade(req, socket, head, (ws) => {
      count(ws.protocol === V4 ? V4 : "websocket");
      servePortForwardWs(cluster, ws, ns, name, ports);
    });
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
    evictPod: (ns, name, message) => cluster.evictPod(ns, name, message),
    failImagePulls: (pattern) => cluster.faults.failImagePulls(pattern),
    clearImagePullFailures: () => cluster.faults.clearImagePullFailures(),
    setUnschedulable: (ns, on) => cluster.faults.setUnschedulable(ns, on),
    denyAccess: (rule) => cluster.access.deny(rule),
    allowAllAccess: () => cluster.access.allowAll(),
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
    podLogs(ns, name, query = {}) {
      const answer = cluster.podLogs(ns, name, query);
      return answer && ("text" in answer ? answer.text : answer.error);
    },
    getPod: (ns, name) => cluster.store.get("pods", ns, name),
    portForwardProtocols: () => Object.fromEntries(served),
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
