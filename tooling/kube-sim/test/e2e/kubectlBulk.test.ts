// A large download through `kubectl port-forward`: kubectl's SPDY side (spdystream) has no flow
// control, so the sim must not wait for WINDOW_UPDATEs that never come. The body is the bulk pod's
// PATTERN, checked by length and sha256.
import type { ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { patternDigest } from "../../src/bulkPattern.ts";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
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

  it("plain SPDY/3.1 (KUBECTL_PORT_FORWARD_WEBSOCKETS=false)", async () => {
    const pf = await kubectlPortForward(
      sim.kubeconfigPath,
      ["-n", "default", `pod/${bulk}`, ":7100"],
      {
        KUBECTL_PORT_FORWARD_WEBSOCKETS: "false",
      },
    );
    children.push(pf.k);
    const got = await download(pf.port, SIZE);
    expect(got.length).toBe(SIZE);
    expect(got.sha256).toBe(expected);
    pf.k.kill();
  }, 300_000);
});
