// The machine's kubectl against the sim's kubeconfig. Skips without kubectl (requiredTools.ts
// prints why, and fails the run under CI).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { hasKubectl, kubectlPortForward, until } from "./helpers.ts";

const run = promisify(execFile);

describe.skipIf(!hasKubectl)("kubectl against kube-sim (demo scenario)", () => {
  let sim: KubeSim;
  const children: ChildProcess[] = [];
  const kubectl = async (...args: string[]) =>
    (await run("kubectl", ["--kubeconfig", sim.kubeconfigPath, ...args], { encoding: "utf8" }))
      .stdout;

  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "demo", replaceDelayMs: 300 });
    await until(() => sim.listPods().every((p) => p.status.phase === "Running"), "pods running");
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await sim.close();
  });

  it("get ns", async () => {
    const out = await kubectl("get", "ns");
    expect(out).toMatch(/^NAME\s+STATUS\s+AGE/);
    for (const ns of ["webapp", "backend", "kftray-relay", "default"])
      expect(out).toMatch(new RegExp(`^${ns}\\s+Active`, "m"));
  });

  it("get pods -A -o wide", async () => {
    const out = await kubectl("get", "pods", "-A", "-o", "wide");
    expect(out).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE/);
    expect(out).toMatch(
      /^backend\s+auth-\S+\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+sim-node/m,
    );
    expect(out.match(/^webapp\s+frontend-/gm)).toHaveLength(2);
  });

  it("get svc -n webapp, on the dev-cluster context", async () => {
    const out = await kubectl("--context", "dev-cluster", "get", "svc", "-n", "webapp");
    expect(out).toMatch(/^frontend-service\s+ClusterIP\s+10\.96\.0\.\d+\s+<none>\s+80\/TCP/m);
  });

  it("sim-down is unreachable", async () => {
    await expect(
      kubectl("--context", "sim-down", "--request-timeout", "5s", "get", "ns"),
    ).rejects.toThrow(/refused|Unable to connect/);
  });

  it("get pods -w sees a kubectl delete and the replacement", async () => {
    const w = spawn("kubectl", [
      "--kubeconfig",
      sim.kubeconfigPath,
      "get",
      "pods",
      "-n",
      "backend",
      "-w",
    ]);
    children.push(w);
    let out = "";
    w.stdout.on("data", (d) => {
      out += d;
    });
    w.stderr.on("data", (d) => {
      out += d;
    });
    const victim = await until(
      () => /^(auth-\S+)\s+1\/1\s+Running/m.exec(out)?.[1],
      "initial list",
    );
    const del = await kubectl("delete", "pod", "-n", "backend", victim);
    expect(del).toContain(`pod "${victim}" deleted`);
    await until(
      () => new RegExp(`^${victim}\\s+\\S+\\s+Terminating`, "m").test(out),
      "Terminating line",
    );
    const replacement = await until(
      () =>
        [...out.matchAll(/^(auth-\S+)\s+1\/1\s+Running/gm)]
          .map((m) => m[1])
          .find((n) => n !== victim),
      "replacement Running",
    );
    expect(replacement).not.toBe(victim);
    w.kill();
  });

  async function portForward(...target: string[]) {
    const pf = await kubectlPortForward(sim.kubeconfigPath, target);
    children.push(pf.k);
    return pf;
  }

  it("port-forward svc/frontend-service (SPDY tunnelled in a WebSocket) carries HTTP", async () => {
    const before = sim.portForwardProtocols()["SPDY/3.1+portforward.k8s.io"] ?? 0;
    const pf = await portForward("-n", "webapp", "svc/frontend-service", ":80");
    expect(pf.out()).toMatch(/-> 8080/);
    for (const path of ["/one", "/two"]) {
      const body = await (await fetch(`http://127.0.0.1:${pf.port}${path}`)).json();
      expect(body).toMatchObject({
        namespace: "webapp",
        path,
        pod: expect.stringMatching(/^frontend-/),
      });
    }
    expect(sim.portForwardProtocols()["SPDY/3.1+portforward.k8s.io"]).toBe(before + 1);
    pf.k.kill();
  });

  it("port-forward pod/<auth pod> carries HTTP", async () => {
    const auth = sim.listPods("backend").find((p) => p.status.phase === "Running")?.metadata
      .name as string;
    const pf = await portForward("-n", "backend", `pod/${auth}`, ":8080");
    const body = await (await fetch(`http://127.0.0.1:${pf.port}/auth`)).json();
    expect(body).toMatchObject({ pod: auth, path: "/auth" });
    pf.k.kill();
  });

  it("port-forward to a port nothing listens on shows the kubelet's refusal", async () => {
    const auth = sim.listPods("backend").find((p) => p.status.phase === "Running")?.metadata
      .name as string;
    const pf = await portForward("-n", "backend", `pod/${auth}`, ":1234");
    await fetch(`http://127.0.0.1:${pf.port}/`).catch(() => undefined);
    await until(
      () =>
        /an error occurred forwarding \d+ -> 1234: error forwarding port 1234 to pod .*connection refused/.test(
          pf.out(),
        ),
      "refusal text",
    );
    pf.k.kill();
  });
});
