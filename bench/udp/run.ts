// UDP and TCP-proxy benchmark: direct against through Ferry's relay path.
// Run: pnpm bench:udp  (options: --count 100000 --size 512 --rate 20000 --tcp-mib 512)
// --fresh-ports N: instead, issue 15's DNS run (N queries from fresh source ports, freshPorts.ts).
import { type ChildProcess, spawn } from "node:child_process";
import { cpus, hostname, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { kubeSimProcesses } from "./kubeSimProcesses.ts";
import { tcpThroughput } from "./tcpThroughput.ts";
import { udpLoad } from "./udpLoad.ts";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "100000" },
    size: { type: "string", default: "512" },
    rate: { type: "string", default: "20000" },
    "tcp-mib": { type: "string", default: "512" },
    "no-kube-sim": { type: "boolean", default: false },
    "fresh-ports": { type: "string" },
    concurrency: { type: "string", default: "20" },
  },
});
if (values["fresh-ports"]) {
  const { freshPortsBench } = await import("./freshPorts.ts");
  const r = await freshPortsBench({
    count: Number(values["fresh-ports"]),
    concurrency: Number(values.concurrency),
  });
  console.log(JSON.stringify(r, null, 2));
  process.exit(0);
}
const load = { count: Number(values.count), size: Number(values.size), rate: Number(values.rate) };
const tcpBytes = Number(values["tcp-mib"]) * 1024 * 1024;
const MAIN = fileURLToPath(new URL("../../packages/relay-server/src/main.ts", import.meta.url));

const FORWARDER = fileURLToPath(new URL("./forwarderProcess.ts", import.meta.url));

function spawnRelay(env: Record<string, string>) {
  return spawnListening(MAIN, env, /relay listening on [^:]+:(\d+)/);
}

/** The Ferry client end (UDP forwarder or TCP listener) in its own process, tunnels to `relayPort`. */
function spawnFerryClient(mode: "udp" | "udp-legacy" | "tcp", relayPort: number) {
  return spawnListening(
    FORWARDER,
    { MODE: mode, RELAY_PORT: String(relayPort) },
    /forwarding on (\d+)/,
  );
}

/** UDP echo + TCP sink in their own process, so they do not share the load generator's loop. */
async function spawnTargets() {
  const script = fileURLToPath(new URL("./targetsProcess.ts", import.meta.url));
  const { match, child } = await spawnListening(
    script,
    process.env.ECHO ? { ECHO: process.env.ECHO } : {},
    /targets udp=(\d+) tcp=(\d+) echoPid=\d+ echo=(\w+)/,
  );
  console.log(`UDP echo: ${match[3]} (ECHO=node for Node's)`);
  return { child, udp: Number(match[1]), tcp: Number(match[2]) };
}

function spawnListening(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ port: number; match: RegExpExecArray; child: ChildProcess }> {
  const child = spawn(process.execPath, [script], {
    env: {
      PATH: process.env.PATH ?? "",
      BIND_HOST: "127.0.0.1",
      LOCAL_PORT: "0",
      IDLE_EXIT_SECONDS: "0",
      ...env,
    },
    // stdin is a pipe the child watches: it exits when this process goes, however it goes.
    stdio: ["pipe", "pipe", "inherit"],
  });
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk) => {
      out += chunk;
      const m = ready.exec(out);
      if (m) resolve({ port: Number(m[1]), match: m, child });
    });
    child.once("exit", () => reject(new Error(`relay exited: ${out}`)));
  });
}

const rows: string[] = [];
const row = (...cells: (string | number)[]) => {
  const line = `| ${cells.join(" | ")} |`;
  rows.push(line);
  console.log(line);
};

const children: ChildProcess[] = [];
const targets = await spawnTargets();
children.push(targets.child);
const echo = { port: targets.udp };
const sink = { port: targets.tcp };
try {
  console.log(`UDP: ${load.count} datagrams of ${load.size} bytes offered at ${load.rate}/s`);
  row("path", "sent", "received", "loss %", "datagrams/s", "kernel rcvbuf drops");
  row("---", "---", "---", "---", "---", "---");
  const report = (name: string, r: Awaited<ReturnType<typeof udpLoad>>) =>
    row(
      name,
      r.sent,
      r.received,
      r.lossPercent.toFixed(2),
      Math.round(r.datagramsPerSecond),
      r.rcvbufDrops,
    );

  report("direct", await udpLoad({ host: "127.0.0.1", port: echo.port }, load));
  // A fresh relay (and forwarder) drops part of its first seconds at 20 000/s (JIT, young heap;
  // RESULTS.md, issue 16, session 5): each Ferry row is measured on a warmed path.
  const warm = (port: number) =>
    udpLoad({ host: "127.0.0.1", port }, { count: 50_000, size: load.size, rate: 20_000 });

  // Both framings, each with its own relay: mux (the default manifest's) and legacy (kftray's).
  for (const framing of ["mux", "legacy"] as const) {
    const udpRelay = await spawnRelay({
      PROXY_TYPE: "udp",
      REMOTE_ADDRESS: "127.0.0.1",
      REMOTE_PORT: String(echo.port),
      UDP_FRAMING: framing,
    });
    children.push(udpRelay.child);
    const fwd = await spawnFerryClient(framing === "mux" ? "udp" : "udp-legacy", udpRelay.port);
    children.push(fwd.child);
    await warm(fwd.port);
    report(
      `Ferry UDP client + relay (no kube hop), ${framing} framing`,
      await udpLoad({ host: "127.0.0.1", port: fwd.port }, load),
    );
  }

  const tcpRelay = await spawnRelay({
    PROXY_TYPE: "tcp",
    REMOTE_ADDRESS: "127.0.0.1",
    REMOTE_PORT: String(sink.port),
  });
  children.push(tcpRelay.child);
  // kube-sim and Ferry's forwards each in their own process (kubeSimProcesses.ts); in one process
  // with the load generator the row measured that shared loop (RESULTS.md, issue 16, session 4).
  const viaKube = values["no-kube-sim"]
    ? null
    : await kubeSimProcesses({ udpEchoPort: echo.port, tcpSinkPort: sink.port }).catch((err) => {
        console.log(`(kube-sim path skipped: ${(err as Error).message})`);
        return null;
      });
  if (viaKube) {
    await warm(viaKube.udpPort);
    report(
      "Ferry UDP forward via kube-sim port-forward + relay pod (default manifest: mux)",
      await udpLoad({ host: "127.0.0.1", port: viaKube.udpPort }, load),
    );
  }

  console.log(`\nTCP proxy: ${tcpBytes / 1024 / 1024} MiB, one connection`);
  row("path", "MiB/s");
  row("---", "---");
  row("direct", (await tcpThroughput({ host: "127.0.0.1", port: sink.port }, tcpBytes)).toFixed(0));
  row(
    "relay only",
    (await tcpThroughput({ host: "127.0.0.1", port: tcpRelay.port }, tcpBytes)).toFixed(0),
  );
  const listener = await spawnFerryClient("tcp", tcpRelay.port);
  children.push(listener.child);
  row(
    "Ferry TCP listener + relay (no kube hop)",
    (await tcpThroughput({ host: "127.0.0.1", port: listener.port }, tcpBytes)).toFixed(0),
  );
  if (viaKube) {
    row(
      "Ferry proxy forward via kube-sim port-forward + relay pod",
      (await tcpThroughput({ host: "127.0.0.1", port: viaKube.tcpPort! }, tcpBytes)).toFixed(0),
    );
    await viaKube.close();
  }
  console.log(
    `\nmachine: ${hostname()}, ${cpus().length} x ${cpus()[0]?.model}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString()}`,
  );
} finally {
  for (const c of children) c.kill("SIGKILL");
}
