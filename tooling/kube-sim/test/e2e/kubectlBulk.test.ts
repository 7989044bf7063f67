// A large download through `kubectl port-forward`, on both of kubectl's paths (SPDY tunnelled in a
// WebSocket, plain SPDY): kubectl's SPDY side (spdystream) has no flow control, so the sim must not
// wait for WINDOW_UPDATEs that never come. The body is the bulk pod's PATTERN, checked by length
// and sha256; the sim's protocol counter says which path served it.
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patternDigest } from "../../src/bulkPattern.ts";
import { type KubeSim, type PortForwardProtocol, startKubeSim } from "../../src/index.ts";
import { hasKubectl, kubectlPortForward, readyPods, until } from "./helpers.ts";

const MiB = 1024 * 1024;
const SIZE = 256 * MiB;
/** No byte for this long = stalled (a failure message instead of the test timeout). */
const STALL_MS = 15_000;

/** Asks the bulk pod behind localhost:port for `bytes` of PATTERN; resolves length and sha256. */
function download(port: number, bytes: number): Promise<{ length: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    let length = 0;
    const s = net.connect(port, "127.0.0.1", () => s.write(`PATTERN ${bytes}\n`));
    let timer = setTimeout(stalled, STALL_MS);
    function stalled() {
      s.destroy();
      reject(new Error(`stalled after ${length} of ${bytes} bytes`));
    }
    s.on("data", (d: Buffer) => {
      length += d.length;
      hash.update(d);
      clearTimeout(timer);
      timer = setTimeout(stalled, STALL_MS);
    });
    s.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    s.on("close", () => {
      clearTimeout(timer);
      resolve({ length, sha256: hash.digest("hex") });
    });
  });
}

describe.skipIf(!hasKubectl)("kubectl port-forward: 256 MiB download", () => {
  let sim: KubeSim;
  let bulk: string;
  const children: ChildProcess[] = [];
  const expected = patternDigest(SIZE);

  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "test" });
    bulk = (await until(() => readyPods(sim, "default", "bulk-")[0], "bulk ready")).metadata.name;
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await sim.close();
  });

  // kubectl 1.31+ offers SPDY tunnelled in a WebSocket first; the env variable forces plain SPDY.
  const paths: [string, PortForwardProtocol, Record<string, string>][] = [
    ["default settings", "SPDY/3.1+portforward.k8s.io", {}],
    [
      "KUBECTL_PORT_FORWARD_WEBSOCKETS=false",
      "SPDY/3.1",
      { KUBECTL_PORT_FORWARD_WEBSOCKETS: "false" },
    ],
  ];
  for (const [settings, protocol, env] of paths) {
    it(`${settings}: served as ${protocol}, all bytes in order`, async () => {
      const before = sim.portForwardProtocols();
      const pf = await kubectlPortForward(
        sim.kubeconfigPath,
        ["-n", "default", `pod/${bulk}`, ":7100"],
        env,
      );
      children.push(pf.k);
      const got = await download(pf.port, SIZE);
      expect(got.length).toBe(SIZE);
      expect(got.sha256).toBe(expected);
      // kubectl dials on the first local connection; exactly one connection, of this protocol.
      const after = sim.portForwardProtocols();
      const grew = Object.entries(after).filter(([p, n]) => n !== before[p as PortForwardProtocol]);
      expect(grew).toEqual([[protocol, (before[protocol] ?? 0) + 1]]);
      pf.k.kill();
    }, 300_000);
  }
});
