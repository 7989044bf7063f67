// Issue 15's acceptance run: DNS queries, each from a fresh source port, through the demo's UDP DNS
// forward (`kftray-relay/kube-dns:53`, a relay pod) on the real daemon. Reports answered/lost, the
// most port-forward streams open at the sim meanwhile, the relay's UDP peer sockets after its idle
// time (from the relay pod's log), queries per second, and two concurrent peers' replies.
// Run: node bench/udp/run.ts --fresh-ports 10000 [--concurrency 20]
import { createSocket } from "node:dgram";
import { cpus, loadavg, totalmem } from "node:os";
import dnsPacket from "dns-packet";
import type { KubeSim } from "../../tooling/kube-sim/src/index.ts";
import { pct, settle, sleep, startDaemonWithSim } from "./daemonWithSim.ts";
import { dnsQuery } from "./dnsQuery.ts";

const NAMES = [
  "auth.backend.svc.cluster.local",
  "frontend-service.webapp.svc.cluster.local",
  "kube-dns.kftray-relay.svc.cluster.local",
];
/** The relay's default UDP_PEER_IDLE_SECONDS (10) plus its sweep interval and a margin. */
const IDLE_WAIT_MS = 14_000;

async function queries(port: number, count: number, concurrency: number, sim: KubeSim) {
  let next = 0;
  let answered = 0;
  let wrongAnswer = 0;
  let peakStreams = 0;
  const ms: number[] = [];
  const sampler = setInterval(() => {
    peakStreams = Math.max(peakStreams, sim.portForwardStreams().open);
  }, 20);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const name = NAMES[next++ % NAMES.length]!;
        const r = await dnsQuery({ port }, name);
        if (!r) continue;
        answered += 1;
        ms.push(r.ms);
        if (r.wrong || !r.ip) wrongAnswer += 1;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return {
    count,
    concurrency,
    answered,
    lost: count - answered,
    wrongAnswer,
    qps: Math.round(answered / seconds),
    seconds: Math.round(seconds * 10) / 10,
    p50ms: Math.round(pct(ms, 50) * 100) / 100,
    p99ms: Math.round(pct(ms, 99) * 100) / 100,
    peakStreamsSampled: peakStreams,
  };
}

/** Two long-lived sockets ask for different names at the same time; every reply must be their own. */
async function twoPeers(port: number, each: number) {
  const peer = async (name: string) => {
    const s = createSocket("udp4");
    let foreign = 0;
    s.on("message", (buf) => {
      if (dnsPacket.decode(buf).questions?.[0]?.name !== name) foreign += 1;
    });
    let answered = 0;
    for (let i = 0; i < each; i++) if (await dnsQuery({ port }, name, 2000, s)) answered += 1;
    await sleep(200);
    s.close();
    return { name, sent: each, answered, foreign };
  };
  return Promise.all([peer(NAMES[0]!), peer(NAMES[1]!)]);
}

function relayPeerSockets(sim: KubeSim, ns: string) {
  const relays = sim
    .listPods(ns)
    .filter((p) => p.metadata.labels?.["app.kubernetes.io/component"] === "relay");
  return relays.map((p) => {
    const log = sim.podLogs(ns, p.metadata.name, { tailLines: 100_000 }) ?? "";
    let closed = 0;
    let open: number | null = null;
    for (const m of log.matchAll(/closed (\d+) idle peer socket\(s\), (\d+) open/g)) {
      closed += Number(m[1]);
      open = Number(m[2]);
    }
    return { pod: p.metadata.name, closedIdle: closed, openAfterLastSweep: open };
  });
}

export async function freshPortsBench(o: { count: number; concurrency: number }) {
  const load = {
    before: loadavg()
      .map((x) => x.toFixed(2))
      .join(" "),
    after: "",
  };
  const h = await startDaemonWithSim();
  try {
    const { sim, client } = h;
    await client.configs.create.mutate({
      alias: "cluster-dns-udp",
      context: "prod-cluster",
      kubeconfig: sim.kubeconfigPath,
      namespace: "kftray-relay",
      workload_type: "service",
      service: "kube-dns",
      protocol: "udp",
      remote_port: 53,
      local_port: 0,
    });
    await client.forwards.start.mutate({ aliases: ["cluster-dns-udp"] });
    const row = (await settle(client)).find((r) => r.alias === "cluster-dns-udp");
    if (row?.state !== "running" || !row.localPort)
      throw new Error(`DNS forward not running: ${JSON.stringify(row)}`);
    const port = row.localPort;
    // Warm the tunnel (relay pod start, first stream) before measuring.
    for (let i = 0; i < 20 && !(await dnsQuery({ port }, NAMES[0]!, 3000)); i++);
    sim.portForwardStreams({ resetPeak: true });
    const sequential = await queries(port, Math.min(1000, o.count), 1, sim);
    const main = await queries(port, o.count, o.concurrency, sim);
    const streams = sim.portForwardStreams({ resetPeak: true });
    const peers = await twoPeers(port, 500);
    await sleep(IDLE_WAIT_MS);
    const relay = relayPeerSockets(sim, "kftray-relay");
    const finalStreams = sim.portForwardStreams();
    load.after = loadavg()
      .map((x) => x.toFixed(2))
      .join(" ");
    return {
      date: new Date().toISOString(),
      machine: `${cpus().length} vCPU ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
      loadavg: load,
      sequential,
      main,
      streamsDuringQueries: { peak: streams.peak, total: streams.total },
      streamsAtEnd: finalStreams,
      twoPeers: peers,
      relayAfterIdle: { waitedMs: IDLE_WAIT_MS, relays: relay },
    };
  } finally {
    await h.close();
  }
}
