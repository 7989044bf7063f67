// Backpressure through `kubectl port-forward`, with the sim in its own process and its RSS sampled.
// kubectl's spdystream has no flow control: when its local reader stalls it stops reading the API
// connection, and the sim must then stop reading the pod instead of queueing frames; when the pod
// stops reading, the sim must stop reading the connection (src/spdyFlow.ts).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasKubectl, kubectlPortForward, until } from "./helpers.ts";
import { type SimProcess, startSimProcess } from "./simProcess.ts";

const MiB = 1024 * 1024;
/** Bytes moved while one side stalls: far more than every buffer on the way. */
const BYTES = 256 * MiB;
/**
 * Growth allowed over a 2 s stall, after a warm-up run (measured +0 MiB; from a fresh heap
 * +22..+40 MiB, flat over 10 s). Without spdyFlow's bounds: +142..+287 MiB (download),
 * +209..+534 MiB (upload).
 */
const STALL_GROWTH = 32 * MiB;
const STALL_MS = 2000;
/** kubectl's port-forward paths: plain SPDY, and its default. */
const PATHS: [string, Record<string, string>][] = [
  ["SPDY over WebSocket", {}],
  ["plain SPDY", { KUBECTL_PORT_FORWARD_WEBSOCKETS: "false" }],
];

/** Peak RSS of the sim over `ms`, minus its RSS at the start. */
async function growthOver(sim: SimProcess, ms: number): Promise<number> {
  const before = sim.rss();
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, sim.rss());
  }, 50);
  await new Promise((r) => setTimeout(r, ms));
  clearInterval(sampler);
  return peak - before;
}

/** Reads `bytes` of the bulk pod's SOURCE through localhost:port to the end. */
function download(port: number, bytes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let received = 0;
    const s = net.connect(port, "127.0.0.1", () => s.write(`SOURCE ${bytes}\n`));
    s.on("data", (d: Buffer) => {
      received += d.length;
    });
    s.on("close", () => resolve(received));
    s.on("error", reject);
  });
}

describe.skipIf(!hasKubectl || process.platform !== "linux")(
  "kubectl port-forward backpressure",
  () => {
    let sim: SimProcess;
    let dir: string;
    let bulkPod: string;
    let slowPod: string;
    /** The pod behind `slow`: a server that reads only when `slowReading` says so. */
    let slowServer: net.Server;
    let slowSocket: net.Socket | undefined;

    beforeAll(async () => {
      slowServer = net.createServer({ allowHalfOpen: true }, (s) => {
        slowSocket = s;
        s.pause();
        let count = 0;
        s.on("data", (d: Buffer) => {
          count += d.length;
        });
        s.on("end", () => s.end(`${count}\n`));
      });
      await new Promise<void>((r) => slowServer.listen(0, "127.0.0.1", r));
      const slowPort = (slowServer.address() as net.AddressInfo).port;
      dir = mkdtempSync(join(tmpdir(), "kube-sim-bp-"));
      const scenario = join(dir, "scenario.json");
      writeFileSync(
        scenario,
        JSON.stringify({
          namespaces: ["default"],
          workloads: [
            {
              name: "bulk",
              namespace: "default",
              ports: [{ containerPort: 7100, backend: "bulk" }],
            },
            {
              name: "slow",
              namespace: "default",
              ports: [{ containerPort: 7000, backend: { forward: `127.0.0.1:${slowPort}` } }],
            },
          ],
        }),
      );
      sim = await startSimProcess(scenario);
      bulkPod = await sim.readyPod("default", "bulk");
      slowPod = await sim.readyPod("default", "slow");
    });
    afterAll(() => {
      sim?.close();
      slowServer?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    for (const [path, env] of PATHS) {
      it(`${path}: a stalled local reader stalls the pod, not the sim`, async () => {
        const pf = await kubectlPortForward(sim.kubeconfig, [`pod/${bulkPod}`, ":7100"], env);
        try {
          // A full run first, so the sim's heap has grown to its working size before measuring.
          expect(await download(pf.port, BYTES)).toBe(BYTES);
          const s = net.connect(pf.port, "127.0.0.1", () => s.write(`SOURCE ${BYTES}\n`));
          let received = 0;
          s.on("data", (d: Buffer) => {
            received += d.length;
          });
          const closed = new Promise<void>((resolve, reject) => {
            s.on("close", () => resolve());
            s.on("error", reject);
          });
          await until(() => received > 0, "first bytes");
          s.pause();
          const growth = await growthOver(sim, STALL_MS);
          s.resume();
          await closed;
          console.log(`kubectl ${path}, reader stalled: sim +${(growth / MiB).toFixed(0)} MiB`);
          expect(received).toBe(BYTES);
          expect(growth).toBeLessThan(STALL_GROWTH);
        } finally {
          pf.k.kill();
        }
      }, 120_000);

      it(`${path}: a pod that stops reading stalls the upload, not the sim`, async () => {
        const pf = await kubectlPortForward(sim.kubeconfig, [`pod/${slowPod}`, ":7000"], env);
        slowSocket = undefined;
        try {
          const s = net.connect(pf.port, "127.0.0.1");
          const chunk = Buffer.alloc(64 * 1024, 0x62);
          let left = BYTES;
          const pump = () => {
            while (left > 0) {
              const n = Math.min(left, chunk.length);
              left -= n;
              if (!s.write(chunk.subarray(0, n))) return void s.once("drain", pump);
            }
            s.end();
          };
          s.on("connect", pump);
          let reply = "";
          s.on("data", (d) => {
            reply += d;
          });
          const closed = new Promise<void>((resolve, reject) => {
            s.on("close", () => resolve());
            s.on("error", reject);
          });
          const pod = await until(() => slowSocket, "pod connection");
          const growth = await growthOver(sim, STALL_MS);
          pod.resume();
          await closed;
          console.log(`kubectl ${path}, pod stalled: sim +${(growth / MiB).toFixed(0)} MiB`);
          expect(reply.trim()).toBe(String(BYTES));
          expect(growth).toBeLessThan(STALL_GROWTH);
        } finally {
          pf.k.kill();
        }
      }, 120_000);
    }
  },
);
