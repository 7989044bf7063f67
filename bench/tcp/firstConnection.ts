// Where the milliseconds of a forward's first connection go (issue 16, set-up): a fresh forward
// per sample (so a fresh SPDY tunnel), then one local connection to the greeter, with a timeline
// from Node's diagnostics channels: the TCP connect and TLS handshake to the API server, the
// upgrade request and its 101, the greeting's first byte. A second connection on the now open
// tunnel is timed beside it. kube-sim and the targets run in their own processes (procs.ts);
// the engine runs here, as ferryd hosts it.
// Run: node bench/tcp/firstConnection.ts [--samples 20]
import { subscribe } from "node:diagnostics_channel";
import { mkdtempSync, rmSync } from "node:fs";
import type { ClientRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createEngine, type ForwardConfig } from "../../packages/core/src/index.ts";
import { percentile } from "./load.ts";
import { start } from "./procs.ts";

const { values } = parseArgs({ options: { samples: { type: "string", default: "20" } } });
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

/** Marks of the current sample, ms since its local connect. */
let t0 = 0;
let marks: Record<string, number> = {};
const mark = (name: string) => {
  marks[name] ??= performance.now() - t0;
};
subscribe("net.client.socket", (m) => {
  const { socket } = m as { socket: Socket };
  if (t0 === 0) return;
  mark("api socket created");
  socket.once("connect", () => mark("api TCP connected"));
  socket.once("secureConnect", () => mark("api TLS handshake done"));
});
subscribe("http.client.request.start", (m) => {
  const { request } = m as { request: ClientRequest };
  if (t0 === 0) return;
  mark("upgrade request sent");
  request.once("upgrade", (_res, socket: Socket) => {
    mark("101 received");
    // The tunnel reads this socket too; a second listener only watches. The sim's first frames:
    // SETTINGS, then the SYN_REPLYs of the connection's two streams.
    let n = 0;
    const onData = () => {
      mark(`API data after 101, read ${++n}`);
      if (n === 3) socket.off("data", onData);
    };
    socket.on("data", onData);
  });
});
subscribe("undici:request:create", () => {
  if (t0 !== 0) mark("an API request (undici) during the connection");
});

function firstByte(port: number): Promise<number> {
  const t = performance.now();
  return new Promise((resolve, reject) => {
    const s = connect({ host: "127.0.0.1", port });
    s.once("data", () => {
      s.destroy();
      resolve(performance.now() - t);
    });
    s.once("error", reject);
  });
}

const procs = [start(process.execPath, [here("./targetsProcess.ts")])];
try {
  const tp = JSON.parse((await procs[0]!.waitFor(/^targets (.*)$/))[1]!) as { greet: number };
  const sim = start(process.execPath, [here("./simProcess.ts")], { TARGETS: JSON.stringify(tp) });
  procs.push(sim);
  const { kubeconfig } = JSON.parse((await sim.waitFor(/^sim (.*)$/))[1]!) as {
    kubeconfig: string;
  };
  await sim.waitFor(/^ready /);
  const home = mkdtempSync(join(tmpdir(), "ferry-bench-first-"));
  const engine = createEngine({ ferryHome: home, portForward: "auto" });
  const load0 = loadavg()[0]!.toFixed(1);
  const rows: Record<string, number>[] = [];
  let cpuFirst = 0;
  for (let i = 1; i <= Number(values.samples); i++) {
    const cfg: ForwardConfig = {
      id: i,
      alias: `first-${i}`,
      context: null,
      kubeconfig,
      namespace: "default",
      workload_type: "service",
      service: "bench",
      target: null,
      remote_address: null,
      protocol: "tcp",
      remote_port: 7000,
      local_port: 0,
      local_address: "127.0.0.1",
      domain_enabled: false,
    };
    const started = performance.now();
    await engine.start(cfg);
    for (let k = 0; k < 400 && engine.status(i)?.state !== "running"; k++)
      await new Promise((r) => setTimeout(r, 5));
    const startMs = performance.now() - started;
    const port = engine.status(i)?.localPort ?? 0;
    await new Promise((r) => setTimeout(r, 200));
    marks = {};
    const c0 = process.cpuUsage();
    t0 = performance.now();
    const first = await firstByte(port);
    const c1 = process.cpuUsage(c0);
    t0 = 0;
    const second = await firstByte(port);
    cpuFirst += (c1.user + c1.system) / 1000;
    rows.push({
      "forward start → running": startMs,
      ...marks,
      "first byte, 1st connection": first,
      "first byte, 2nd connection": second,
    });
    await engine.stop(i);
  }
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  console.log(
    `${new Date().toISOString()}, load ${load0} → ${loadavg()[0]!.toFixed(1)}, ${rows.length} fresh forwards; ms since the local connect unless said; CPU of this process (engine) during a first connection: ${(cpuFirst / rows.length).toFixed(2)} ms mean\n`,
  );
  console.log("| step | p50 ms | min ms | max ms | samples |\n|---|---|---|---|---|");
  for (const n of names) {
    const xs = rows.map((r) => r[n]).filter((x): x is number => x !== undefined);
    console.log(
      `| ${n} | ${percentile(xs, 50).toFixed(2)} | ${Math.min(...xs).toFixed(2)} | ${Math.max(...xs).toFixed(2)} | ${xs.length} |`,
    );
  }
  await engine.close();
  rmSync(home, { recursive: true, force: true });
} finally {
  for (const p of procs.reverse()) await p.stop();
}
