// startKubeSim: a local Kubernetes API over HTTPS with pods behind real sockets. See README.md.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import https from "node:https";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { fileURLToPath } from "node:url";
import { handleApi } from "./api.ts";
import { makeCerts } from "./certs.ts";
import { Cluster } from "./cluster.ts";
import { FrontDoor } from "./frontDoor.ts";
import { kubeconfigYaml } from "./kubeconfig.ts";
import type { KubeSim, KubeSimOptions } from "./kubeSimTypes.ts";
import { resolveScenario } from "./scenario.ts";
import { sendStatus } from "./status.ts";
import { upgradeHandler } from "./upgrade.ts";

export type { DenyRule } from "./access.ts";
export type { KubeSim, KubeSimOptions, PortForwardProtocol } from "./kubeSimTypes.ts";
export type { LogQuery } from "./podLog.ts";
export { RELAY_LABELS } from "./relayLabels.ts";
export type { Scenario } from "./scenario.ts";
export { demoScenario, testScenario } from "./scenario.ts";

/** The test exec credential plugin (run it with node); see src/bin/token-plugin.ts. */
export const TOKEN_PLUGIN = fileURLToPath(new URL("./bin/token-plugin.ts", import.meta.url));

function freeClosedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startKubeSim(options: KubeSimOptions = {}): Promise<KubeSim> {
  const scenario = resolveScenario(options.scenario);
  const certsReady = makeCerts();
  let token = randomBytes(24).toString("hex");
  const cluster = new Cluster(scenario, {
    readyDelayMs: options.readyDelayMs ?? 100,
    replaceDelayMs: options.replaceDelayMs ?? 200,
    restartBackoffMs: options.restartBackoffMs ?? 10_000,
    containerWrapper: options.containerWrapper,
  });
  let latency = 0;
  const sockets = new Set<Duplex>();
  // Checked per request and per upgrade only: a connection authenticated before a rotation goes
  // on, as with a real API server.
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
  const upgrades = upgradeHandler({
    cluster,
    authorized,
    latency: () => latency,
    spdyTunnel: options.spdyTunnel !== false,
  });
  server.on("upgrade", upgrades.handle);

  const listenHttps = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as net.AddressInfo).port);
      });
    });
  // With network faults the HTTPS server listens on a private port behind the front door.
  const front = options.networkFaults === true ? new FrontDoor(await listenHttps(0)) : undefined;
  const listen = (p: number) => (front ? front.listen(p) : listenHttps(p));
  const port = await listen(options.port ?? 0);
  const serverUrl = `https://127.0.0.1:${port}`;
  const downPort = await freeClosedPort();
  const ownDir = !options.dir && !options.kubeconfigPath;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "kube-sim-"));
  mkdirSync(dir, { recursive: true });
  const kubeconfigPath = options.kubeconfigPath ?? join(dir, "kubeconfig");
  const tokenFile = join(dir, "token");
  const callsFile = join(dir, "plugin-calls");
  const writeToken = () => writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
  writeToken();
  const extra = scenario.extraContexts ?? [];
  writeFileSync(
    kubeconfigPath,
    kubeconfigYaml({
      server: serverUrl,
      downServer: `https://127.0.0.1:${downPort}`,
      caPem: certs.caPem,
      auth: options.execAuth
        ? {
            exec: {
              node: process.execPath,
              plugin: TOKEN_PLUGIN,
              tokenFile,
              callsFile,
              expirationSeconds: options.execAuth.expirationSeconds,
            },
          }
        : { token },
      extraContexts: extra,
    }),
    { mode: 0o600 },
  );
  writeFileSync(join(dir, "ca.crt"), certs.caPem);

  let paused = false;
  let closing: Promise<void> | undefined;
  const dropAll = () => {
    front?.dropAll();
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  const needFront = (what: string): FrontDoor => {
    if (!front)
      throw new Error(
        `kube-sim: ${what} needs the faultable network: startKubeSim({ networkFaults: true }) (CLI: --network-faults)`,
      );
    return front;
  };

  return {
    kubeconfigPath,
    server: serverUrl,
    get token() {
      return token;
    },
    tokenFile,
    caPem: certs.caPem,
    contexts: ["sim", "sim-other", "sim-down", ...extra],
    rotateToken(next = randomBytes(24).toString("hex")) {
      token = next;
      writeToken();
      return token;
    },
    execPluginCalls() {
      try {
        return readFileSync(callsFile, "utf8").split("\n").filter(Boolean).length;
      } catch {
        return 0;
      }
    },
    stall: () => needFront("stall").stall(),
    blackhole: () => needFront("blackhole").blackhole(),
    resumeNetwork: () => needFront("resumeNetwork").resume(),
    apiConnections: () => front?.accepted ?? 0,
    heldConnections: () => front?.held ?? 0,
    heldPeak: () => front?.heldPeak ?? 0,
    deletePod: (ns, name) => cluster.deletePod(ns, name) !== undefined,
    setReady: (ns, name, ready) => cluster.setReady(ns, name, ready),
    evictPod: (ns, name, message) => cluster.evictPod(ns, name, message),
    failImagePulls: (pattern) => cluster.faults.failImagePulls(pattern),
    clearImagePullFailures: () => cluster.faults.clearImagePullFailures(),
    setUnschedulable: (ns, on) => cluster.faults.setUnschedulable(ns, on),
    annotate: (kind, ns, name, changes) => cluster.annotate(kind, ns, name, changes),
    denyAccess: (rule) => cluster.access.deny(rule),
    allowAllAccess: () => cluster.access.allowAll(),
    dropConnections: (ns, name) => cluster.dropConnections(ns, name),
    async pauseApi() {
      if (paused) return;
      paused = true;
      const closed = front ? front.close() : new Promise((r) => server.close(r));
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
    portForwardProtocols: upgrades.served,
    portForwardStreams(opts) {
      const s = { ...cluster.streams };
      if (opts?.resetPeak) cluster.streams.peak = cluster.streams.open;
      return s;
    },
    async close() {
      if (closing) return closing;
      closing = (async () => {
        const closed = Promise.all([
          paused || !front ? undefined : front.close(),
          !front && paused ? undefined : new Promise((r) => server.close(r)),
        ]);
        dropAll();
        upgrades.terminateAll();
        await closed;
        await cluster.close();
        if (ownDir) rmSync(dir, { recursive: true, force: true });
      })();
      return closing;
    },
  };
}
