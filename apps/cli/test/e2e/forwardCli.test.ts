import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "./configHarness.ts";
import { ferrydPids, ferryWith, useHomes } from "./daemonHarness.ts";

// The first acceptance point, with real processes against kube-sim: one process starts a
// forward and exits, an unrelated one sees it running, HTTP goes through it, a third stops it.
interface Row {
  alias: string;
  state: string;
  localAddress: string;
  localPort: number;
  pod: string | null;
}

describe("ferry start / status / stop across processes (kube-sim)", () => {
  const home = useHomes();
  let cluster: KubeSim;
  let h: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    const { mkdtempSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    cluster = await startKubeSim({
      scenario: "demo",
      dir: mkdtempSync(join(tmpdir(), "ferry-sim-")),
    });
  });
  afterAll(async () => {
    await cluster?.close();
  });

  const run = (args: string[]) => ferryWith(h, args, env);

  it("start exits, another process sees it running, HTTP passes, a third stops it", async () => {
    h = home();
    env = { KUBECONFIG: cluster.kubeconfigPath, FERRY_HOSTS_FILE: join(h, "hosts") };
    expect(
      (await run(["config", "import", EXAMPLES, "--kubeconfig", cluster.kubeconfigPath])).code,
    ).toBe(0);
    // Port 0: the OS picks a free port, so parallel suites never collide on 8080.
    expect((await run(["config", "edit", "web-frontend-svc", "--local-port", "0"])).code).toBe(0);

    const start = await run(["start", "web-frontend-svc"]);
    expect(start.code, start.stderr).toBe(0);
    expect(start.stdout).toMatch(/web-frontend-svc {2}running on 127\.0\.0\.1:\d+/);
    expect(start.stdout).toContain("1 running, 0 failed");

    const status = await run(["status", "--json"]);
    const row = (JSON.parse(status.stdout) as Row[]).find((r) => r.alias === "web-frontend-svc");
    expect(row?.state).toBe("running");
    expect(row?.localPort).toBeGreaterThan(0);

    const res = await fetch(`http://${row?.localAddress}:${row?.localPort}/`);
    expect(res.status).toBe(200);
    await res.text();

    const table = await run(["status"]);
    expect(table.stdout).toMatch(
      /web-frontend-svc\s+dev-cluster\s+webapp\/svc\/frontend-service:80\s+127\.0\.0\.1:\d+\s+running/,
    );

    const stop = await run(["stop", "web-frontend-svc"]);
    expect(stop.code).toBe(0);
    expect(stop.stdout).toBe("web-frontend-svc  stopped\n");
    const after = JSON.parse((await run(["status", "--json"])).stdout) as Row[];
    expect(after.find((r) => r.alias === "web-frontend-svc")?.state).toBe("stopped");
    await expect(fetch(`http://${row?.localAddress}:${row?.localPort}/`)).rejects.toThrow();
  });

  it("a local port already used by another running config is refused with its name, exit 1", async () => {
    h = home();
    env = { KUBECONFIG: cluster.kubeconfigPath, FERRY_HOSTS_FILE: join(h, "hosts") };
    await run(["config", "import", EXAMPLES, "--kubeconfig", cluster.kubeconfigPath]);
    const { createServer } = await import("node:net");
    const holder = createServer();
    await new Promise<void>((r) => holder.listen(0, "127.0.0.1", () => r()));
    const port = (holder.address() as { port: number }).port;
    await new Promise<void>((r) => holder.close(() => r()));
    await run(["config", "edit", "web-frontend-svc", "--local-port", String(port)]);
    await run([
      "config",
      "add",
      "--alias",
      "web-2",
      "--namespace",
      "webapp",
      "--workload-type",
      "service",
      "--service",
      "frontend-service",
      "--remote-port",
      "80",
      "--local-port",
      String(port),
      "--context",
      "dev-cluster",
      "--kubeconfig",
      cluster.kubeconfigPath,
    ]);
    expect((await run(["start", "web-frontend-svc"])).code).toBe(0);
    const clash = await run(["start", "web-2"]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      `web-2: local port 127.0.0.1:${port} is already in use by Ferry config "web-frontend-svc"; stop it or pick another local_port (PORT_IN_USE)`,
    );
    expect(readFileSync(join(h, "daemon.json"), "utf8")).toContain('"port"');
  });

  it("after kill -9 the next command's fresh daemon restores both forwards and replaces the orphan relay pod", async () => {
    h = home();
    env = { KUBECONFIG: cluster.kubeconfigPath, FERRY_HOSTS_FILE: join(h, "hosts") };
    await run(["config", "import", EXAMPLES, "--kubeconfig", cluster.kubeconfigPath]);
    await run(["config", "edit", "web-frontend-svc", "--local-port", "0"]);
    await run(["config", "edit", "cluster-dns-udp", "--local-port", "0"]);
    const start = await run(["start", "web-frontend-svc", "cluster-dns-udp"]);
    expect(start.code, start.stderr).toBe(0);
    const relayPods = () =>
      // biome-ignore lint/suspicious/noExplicitAny: kube-sim's pod objects.
      (cluster.listPods() as any[])
        .filter((p) => p.metadata?.labels?.["app.kubernetes.io/managed-by"] === "ferry")
        .map((p) => p.metadata.name as string);
    const orphan = relayPods();
    expect(orphan.length).toBe(1);
    const before = JSON.parse((await run(["status", "--json"])).stdout) as Row[];
    expect(before.find((r) => r.alias === "web-frontend-svc")?.state).toBe("running");

    const pid = (JSON.parse(readFileSync(join(h, "daemon.json"), "utf8")) as { pid: number }).pid;
    process.kill(pid, "SIGKILL");
    while (ferrydPids(h).includes(pid)) await new Promise((r) => setTimeout(r, 25));

    // The next command starts a fresh daemon, which restores what was running (issue 20).
    const after = await run(["status", "--json"]);
    expect(after.code, after.stderr).toBe(0);
    let rows = JSON.parse(after.stdout) as Row[];
    const ran = (r: Row) => r.alias === "web-frontend-svc" || r.alias === "cluster-dns-udp";
    for (let i = 0; i < 400 && !rows.filter(ran).every((r) => r.state === "running"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      rows = JSON.parse((await run(["status", "--json"])).stdout) as Row[];
    }
    expect(rows.filter(ran).map((r) => [r.alias, r.state])).toEqual([
      ["web-frontend-svc", "running"],
      ["cluster-dns-udp", "running"],
    ]);
    expect(rows.filter((r) => !ran(r)).map((r) => r.state)).toEqual(
      rows.filter((r) => !ran(r)).map(() => "stopped"),
    );
    const web = rows.find((r) => r.alias === "web-frontend-svc");
    expect((await fetch(`http://127.0.0.1:${web?.localPort}/`)).status).toBe(200);
    // The dead daemon's relay pod is swept; the restored UDP forward runs a pod of its own.
    for (let i = 0; i < 200 && relayPods().some((n) => orphan.includes(n)); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(relayPods().filter((n) => orphan.includes(n))).toEqual([]);
    expect(relayPods()).toHaveLength(1);
  });
});
