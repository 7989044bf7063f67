// A network that dies silently, and credentials that rotate: stall, blackhole and resume on the
// API's connections; token rotation with the old token refused; the test exec plugin.
import { execFile, spawnSync } from "node:child_process";
import https from "node:https";
import { promisify } from "node:util";
import * as k8s from "@kubernetes/client-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim, TOKEN_PLUGIN } from "../../src/index.ts";
import { apiGet, hasKubectl, openPortForward, readyPods, until } from "./helpers.ts";
import { type SimProcess, startSimProcess } from "./simProcess.ts";

const run = promisify(execFile);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A GET that may hang: `done` settles once the answer is complete. */
function pendingGet(sim: { server: string; caPem: string; token: string }, path: string) {
  let req: ReturnType<typeof https.get> | undefined;
  const done = new Promise<number>((resolve, reject) => {
    req = https.get(
      `${sim.server}${path}`,
      { ca: sim.caPem, headers: { Authorization: `Bearer ${sim.token}` }, agent: false },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
  });
  let settled = false;
  void done.then(
    () => {
      settled = true;
    },
    () => {},
  );
  return { done, settled: () => settled, abort: () => req?.destroy() };
}

/** A watch as a stream of event lines. */
function openWatch(sim: KubeSim, path: string) {
  const lines: { type: string; object: { metadata: { name: string } } }[] = [];
  const req = https.get(
    `${sim.server}${path}${path.includes("?") ? "&" : "?"}watch=1`,
    { ca: sim.caPem, headers: { Authorization: `Bearer ${sim.token}` }, agent: false },
    (res) => {
      let buf = "";
      res.on("data", (d) => {
        buf += d;
        const parts = buf.split("\n");
        buf = parts.pop() ?? "";
        for (const p of parts) if (p) lines.push(JSON.parse(p));
      });
    },
  );
  req.on("error", () => {});
  return { lines, close: () => req.destroy() };
}

describe("stall, blackhole, resume", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ replaceDelayMs: 100, networkFaults: true });
    await until(() => readyPods(sim, "default", "web-").length === 2, "web ready");
  });
  afterAll(() => sim.close());

  it("stall: open port-forwards and watches pass nothing, new requests work, resume releases", async () => {
    const pod = readyPods(sim, "default", "web-")[0]!.metadata.name as string;
    const pf = await openPortForward(sim, "default", pod, [9000]);
    pf.send(0, "before");
    await until(() => pf.received(0).toString() === "before", "echo before the stall");
    const watch = openWatch(sim, "/api/v1/namespaces/default/pods");
    await until(() => watch.lines.length >= 5, "the watch's first events");
    const seen = watch.lines.length;

    expect(sim.stall()).toBeGreaterThanOrEqual(2);
    pf.send(0, "-during");
    const victim = readyPods(sim, "default", "greeter-")[0]!.metadata.name as string;
    sim.deletePod("default", victim);
    // New connections work while the old ones are stalled.
    expect((await apiGet(sim, "/api/v1/namespaces/default/pods")).status).toBe(200);
    await sleep(500);
    expect(pf.received(0).toString()).toBe("before");
    expect(watch.lines.length).toBe(seen);

    sim.resumeNetwork();
    await until(() => pf.received(0).toString() === "before-during", "held echo after resume");
    await until(
      () => watch.lines.some((l) => l.type === "DELETED" && l.object.metadata.name === victim),
      "held watch event after resume",
    );
    watch.close();
    pf.ws.close();
  });

  it("without networkFaults, stall says how to enable it", async () => {
    const plain = await startKubeSim();
    try {
      expect(() => plain.stall()).toThrow(
        /startKubeSim\(\{ networkFaults: true \}\) \(CLI: --network-faults\)/,
      );
    } finally {
      await plain.close();
    }
  });

  it("blackhole: new connections hang (counted as held) until resume, then complete", async () => {
    const before = sim.apiConnections();
    sim.blackhole();
    const gets = [1, 2, 3].map(() => pendingGet(sim, "/api/v1/namespaces"));
    await until(() => sim.apiConnections() === before + 3, "the connections accepted");
    expect(sim.heldConnections()).toBe(3);
    await sleep(500);
    expect(gets.map((g) => g.settled())).toEqual([false, false, false]);
    gets[2]!.abort();
    await until(() => sim.heldConnections() === 2, "a client that gives up is no longer held");
    expect(sim.heldPeak()).toBe(3);
    sim.resumeNetwork();
    expect(sim.heldConnections()).toBe(0);
    expect(sim.heldPeak()).toBe(3);
    expect(await Promise.all(gets.slice(0, 2).map((g) => g.done))).toEqual([200, 200]);
  });
});

describe("token rotation", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ execAuth: { expirationSeconds: 900 } });
    await until(() => readyPods(sim, "default", "web-").length === 2, "web ready");
  });
  afterAll(() => sim.close());

  it("refuses the old token with 401; watches and port-forwards opened before go on", async () => {
    const old = sim.token;
    const pod = readyPods(sim, "default", "web-")[0]!.metadata.name as string;
    const pf = await openPortForward(sim, "default", pod, [9000]);
    const watch = openWatch(sim, "/api/v1/namespaces/default/pods");
    await until(() => watch.lines.length >= 5, "watch started");

    const next = sim.rotateToken();
    expect(next).not.toBe(old);
    const refused = await apiGet(sim, "/api/v1/namespaces", old);
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    expect((await apiGet(sim, "/api/v1/namespaces", next)).status).toBe(200);
    await expect(
      openPortForward({ ...sim, token: old } as KubeSim, "default", pod, [9000]),
    ).rejects.toThrow("HTTP 401");

    pf.send(0, "still open");
    await until(() => pf.received(0).toString() === "still open", "old port-forward works");
    const victim = readyPods(sim, "default", "greeter-")[0]!.metadata.name as string;
    sim.deletePod("default", victim);
    await until(
      () => watch.lines.some((l) => l.type === "DELETED" && l.object.metadata.name === victim),
      "old watch still delivers",
    );
    watch.close();
    pf.ws.close();
  });

  it("the exec plugin reads the current token, with an expirationTimestamp", () => {
    const out = spawnSync(process.execPath, [TOKEN_PLUGIN], {
      env: { KUBE_SIM_TOKEN_FILE: sim.tokenFile, KUBE_SIM_EXPIRATION_SECONDS: "60" },
      encoding: "utf8",
    });
    const cred = JSON.parse(out.stdout);
    expect(cred).toMatchObject({
      apiVersion: "client.authentication.k8s.io/v1",
      kind: "ExecCredential",
      status: { token: sim.token },
    });
    const expires = Date.parse(cred.status.expirationTimestamp);
    expect(expires - Date.now()).toBeGreaterThan(50_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(60_000);
    const missing = spawnSync(process.execPath, [TOKEN_PLUGIN], { env: {}, encoding: "utf8" });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/KUBE_SIM_TOKEN_FILE is not set/);
  });

  it("@kubernetes/client-node through the exec plugin, before and after a rotation", async () => {
    const list = async () => {
      const kc = new k8s.KubeConfig();
      kc.loadFromFile(sim.kubeconfigPath);
      return (await kc.makeApiClient(k8s.CoreV1Api).listNamespace()).items.length;
    };
    const calls = sim.execPluginCalls();
    expect(await list()).toBeGreaterThan(0);
    sim.rotateToken();
    expect(await list()).toBeGreaterThan(0);
    expect(sim.execPluginCalls()).toBeGreaterThanOrEqual(calls + 2);
  });

  it.skipIf(!hasKubectl)(
    "kubectl through the exec plugin, before and after a rotation",
    async () => {
      const kubectl = () =>
        run("kubectl", ["--kubeconfig", sim.kubeconfigPath, "get", "ns", "-o", "name"]);
      const calls = sim.execPluginCalls();
      expect((await kubectl()).stdout).toContain("namespace/default");
      sim.rotateToken();
      expect((await kubectl()).stdout).toContain("namespace/default");
      expect(sim.execPluginCalls()).toBeGreaterThanOrEqual(calls + 2);
    },
  );
});

describe("the same from the CLI's stdin", () => {
  let sim: SimProcess;
  beforeAll(async () => {
    sim = await startSimProcess("test", ["--network-faults"]);
  });
  afterAll(() => sim.close());
  const api = () => ({ server: sim.server, caPem: sim.ca, token: sim.token });

  it("stall, blackhole, resume and rotate-token", async () => {
    expect(
      await sim.command("stall", /stalled \d+ connection\(s\); new connections work/),
    ).toBeTruthy();
    expect(await pendingGet(api(), "/api/v1/namespaces").done).toBe(200);
    await sim.command("blackhole", /blackholed/);
    const get = pendingGet(api(), "/api/v1/namespaces");
    await sleep(500);
    expect(get.settled()).toBe(false);
    await sim.command("resume", /api resumed \(\d+ stalled connection\(s\) flow again\)/);
    expect(await get.done).toBe(200);
    const answer = await sim.command("rotate-token", /token rotated/);
    expect(answer).not.toContain(sim.token);
    expect(await pendingGet(api(), "/api/v1/namespaces").done).toBe(401);
  });
});
