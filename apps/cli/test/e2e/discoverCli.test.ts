import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { addServiceArgs } from "./configHarness.ts";
import { useKubeSim } from "./simHarness.ts";

// Issue 18, `ferry discover`: the real CLI and ferryd against kube-sim's demo scenario (annotated
// Services in kftray's and Ferry's styles, a Deployment, a malformed entry, a UDP entry).

interface Config {
  alias: string;
  service: string | null;
  local_port: number | null;
  remote_port: number | null;
  target: string | null;
  local_address: string | null;
  domain_enabled: boolean | null;
}

const run$ = promisify(execFile);

/** kubectl with the sim's kubeconfig: a client independent of Ferry's. */
const kubectl = (env: Record<string, string>, ...args: string[]) =>
  run$("kubectl", ["--kubeconfig", env.KUBECONFIG as string, "--context", "dev-cluster", ...args], {
    encoding: "utf8",
  });

/** Sets (or with null removes) a Service's kftray.app/configs, as a user would with kubectl. */
const setConfigsAnnotation = (env: Record<string, string>, svc: string, value: string | null) => {
  const [ns, name] = svc.split("/") as [string, string];
  const change = value === null ? "kftray.app/configs-" : `kftray.app/configs=${value}`;
  return kubectl(env, "annotate", "--overwrite", "-n", ns, "svc", name, change);
};

describe("ferry discover (kube-sim demo)", () => {
  const sim = useKubeSim();

  const configs = async (run: (a: string[]) => Promise<{ stdout: string }>) =>
    new Map(
      (JSON.parse((await run(["config", "list", "--json"])).stdout) as Config[]).map((c) => [
        c.alias,
        c,
      ]),
    );

  it("adds the annotated configs, reports the malformed one with namespace/name and problem, and a second run adds 0", async () => {
    const { run } = sim.home();
    const first = await run(["discover", "--context", "dev-cluster"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^discover: 4 added/);
    expect(first.stdout).toMatch(
      /^added +web-ui +dev-cluster\/webapp\/frontend-service +svc\/frontend-service:80 +127\.0\.0\.1:8080/m,
    );
    expect(first.stdout).toContain(
      'problem: dev-cluster backend/auth-admin (Service, kftray.app/configs): entry "admin-console" is not alias-localPort-targetPort (e.g. web-8080-http)',
    );
    const saved = await configs(run);
    expect([...saved.keys()].sort()).toEqual(["auth-api", "auth-pod", "cluster-dns", "web-ui"]);
    // web-ui-8080-http split from the right; the target port named "http" is the Service's port 80.
    expect(saved.get("web-ui")).toMatchObject({
      service: "frontend-service",
      local_port: 8080,
      remote_port: 80,
    });
    expect(saved.get("auth-pod")).toMatchObject({ target: "app=auth", local_port: 18081 });

    const second = await run(["discover", "--context", "dev-cluster", "--json"]);
    expect(second.code, second.stderr).toBe(0);
    const report = JSON.parse(second.stdout);
    expect(report.summary).toMatchObject({ add: 0, update: 0, unchanged: 4 });
    expect(report.problems).toEqual([
      expect.objectContaining({ namespace: "backend", name: "auth-admin" }),
    ]);
    expect((await configs(run)).size).toBe(4);
  });

  it("--dry-run shows the plan and writes nothing", async () => {
    const { run } = sim.home();
    const dry = await run(["discover", "--context", "dev-cluster", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^dry run: 4 would add; nothing was written/);
    expect(dry.stdout).toMatch(/^would add +web-ui /m);
    expect((await configs(run)).size).toBe(0);
  });

  it("keeps a local edit; --prune removes only discovered configs whose source is gone (kubectl annotate ... key-)", async () => {
    const { run, env } = sim.home();
    const args = ["discover", "--context", "dev-cluster", "--namespace", "webapp"];
    const mine = addServiceArgs(
      "mine",
      { namespace: "webapp", service: "frontend-service", localPort: 0 },
      ["--context", "dev-cluster"],
    );
    expect((await run(mine)).code).toBe(0);
    expect((await run(args)).code).toBe(0);
    expect((await run(["config", "edit", "web-ui", "--local-port", "0"])).code).toBe(0);
    const again = await run(args);
    expect(again.stdout).toMatch(
      /^kept local change +web-ui .*kept local change \(edited after discovery\)$/m,
    );
    expect((await configs(run)).get("web-ui")?.local_port).toBe(0);

    await setConfigsAnnotation(env, "webapp/frontend-service", null);
    try {
      const kept = await run(args);
      expect(kept.stdout).toMatch(/^source gone +web-ui /m);
      expect((await configs(run)).has("web-ui")).toBe(true);
      const pruned = await run([...args, "--prune"]);
      expect(pruned.code, pruned.stderr).toBe(0);
      expect(pruned.stdout).toMatch(/^removed +web-ui /m);
      expect([...(await configs(run)).keys()]).toEqual(["mine"]);
    } finally {
      await setConfigsAnnotation(env, "webapp/frontend-service", "web-ui-8080-http");
    }
  });

  it("--start starts what it discovered and a request goes through", async () => {
    const { run } = sim.home();
    const args = ["discover", "--context", "dev-cluster", "--namespace", "webapp"];
    expect((await run(args)).code).toBe(0);
    // A free local port instead of 8080 (other programs may hold it): a local edit, kept.
    expect((await run(["config", "edit", "web-ui", "--local-port", "0"])).code).toBe(0);
    const started = await run([...args, "--start"]);
    expect(started.code, started.stderr).toBe(0);
    const line = /^web-ui {2}running on (127\.0\.0\.1):(\d+)/m.exec(started.stdout);
    expect(line, started.stdout).not.toBeNull();
    const { stdout } = await run$(
      "curl",
      ["-sS", "--max-time", "10", `http://${line?.[1]}:${line?.[2]}/`],
      { encoding: "utf8" },
    );
    expect(JSON.parse(stdout)).toMatchObject({
      namespace: "webapp",
      pod: expect.stringMatching(/^frontend-/),
    });
  });

  it("--all-services --namespace webapp --loopback --domain makes each Service reachable by name through the hosts file", async () => {
    const { run, env } = sim.home();
    // webapp's one Service, its annotation removed: all-services takes its unannotated port.
    await setConfigsAnnotation(env, "webapp/frontend-service", null);
    try {
      const found = await run([
        ...["discover", "--context", "dev-cluster", "--all-services", "--namespace", "webapp"],
        ...["--loopback", "--domain", "--start", "--json"],
      ]);
      expect(found.code, found.stderr).toBe(0);
      const report = JSON.parse(found.stdout) as { rows: { alias: string; config: Config }[] };
      expect(report.rows.map((r) => r.alias)).toEqual(["frontend-service"]);
      const config = report.rows[0]?.config;
      expect(config).toMatchObject({ domain_enabled: true, remote_port: 80 });
      expect(config?.local_address).toMatch(/^127\.0\.0\.(?!1$)\d+$/);

      // The name resolves through Ferry's hosts file (FERRY_HOSTS_FILE), and HTTP goes through.
      const hosts = readFileSync(env.FERRY_HOSTS_FILE as string, "utf8");
      const ip = /^(\S+) frontend-service$/m.exec(hosts)?.[1];
      expect(ip, hosts).toBe(config?.local_address);
      const url = `http://frontend-service:${config?.local_port}/`;
      const { stdout } = await run$(
        "curl",
        [
          "-sS",
          "--max-time",
          "10",
          "--resolve",
          `frontend-service:${config?.local_port}:${ip}`,
          url,
        ],
        { encoding: "utf8" },
      );
      expect(JSON.parse(stdout)).toMatchObject({ namespace: "webapp" });
    } finally {
      await setConfigsAnnotation(env, "webapp/frontend-service", "web-ui-8080-http");
    }
  });

  it("--watch-context C on: ferryd applies annotations as they change (kubectl), off stops it", async () => {
    const { run, env } = sim.home();
    const aliases = async () => [...(await configs(run)).keys()].sort();
    const until = async (what: string, ok: (a: string[]) => boolean) => {
      for (let i = 0; i < 200; i++) {
        if (ok(await aliases())) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`timed out waiting for ${what}; configs: ${(await aliases()).join(", ")}`);
    };
    const watch = ["discover", "--watch-context", "dev-cluster"];
    const off = await run(watch);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout).toBe("live discovery for dev-cluster: off\n");

    const on = await run([...watch, "on", "--kubeconfig", env.KUBECONFIG as string, "--prune"]);
    expect(on.code, on.stderr).toBe(0);
    expect(on.stdout).toBe(
      `live discovery for dev-cluster: on (every namespace, kubeconfig ${env.KUBECONFIG}; configs whose source goes are removed (prune))\n`,
    );
    try {
      await until("the first live plan", (a) => a.length === 4);
      // The malformed entry, corrected with kubectl: the watch sees it and adds the config.
      await setConfigsAnnotation(env, "backend/auth-admin", "admin-19090-admin");
      await until("admin from backend/auth-admin", (a) => a.includes("admin"));
      expect((await configs(run)).get("admin")).toMatchObject({
        local_port: 19090,
        remote_port: 9090,
      });

      const json = await run([...watch, "off", "--json"]);
      expect(JSON.parse(json.stdout)).toMatchObject({ context: "dev-cluster", watch: false });
      expect((await run(watch)).stdout).toBe("live discovery for dev-cluster: off\n");
      // Off: a change is no longer applied (given the watch a second it would have used when on).
      await setConfigsAnnotation(env, "backend/auth-admin", "admin-19091-admin");
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await configs(run)).get("admin")?.local_port).toBe(19090);
      const plan = await run(["discover", "--context", "dev-cluster", "--dry-run"]);
      expect(plan.stdout).toMatch(/^would update +admin /m);
    } finally {
      await setConfigsAnnotation(env, "backend/auth-admin", "admin-console");
    }
  });

  it("--watch-context C on for a context the kubeconfig lacks is refused, and nothing is saved", async () => {
    const { run, env } = sim.home();
    const typo = await run([
      "discover",
      "--watch-context",
      "dev-clutser",
      "on",
      "--kubeconfig",
      env.KUBECONFIG as string,
    ]);
    expect(typo.code).toBe(1);
    expect(typo.stdout).toBe("");
    expect(typo.stderr).toMatch(
      /^ferry: context "dev-clutser" is not in kubeconfig \S+ \(contexts: [^)]*dev-cluster[^)]*\)\n$/,
    );
    expect((await run(["discover", "--watch-context", "dev-clutser"])).stdout).toBe(
      "live discovery for dev-clutser: off\n",
    );
    // Off needs no cluster: a context that is gone from the kubeconfig can still be turned off.
    const off = await run(["discover", "--watch-context", "dev-clutser", "off"]);
    expect(off.code, off.stderr).toBe(0);
  });

  it("reports a denied namespace and the fallback, and imports the rest", async () => {
    const { run } = sim.home();
    sim.cluster().denyAccess({ verbs: ["list"], resources: ["services"], namespaces: ["backend"] });
    try {
      const found = await run(["discover", "--context", "dev-cluster"]);
      expect(found.code, found.stderr).toBe(0);
      expect(found.stdout).toMatch(
        /^note: context dev-cluster: no permission to list services in all namespaces; listed the \d namespace\(s\) you may list: .*webapp/m,
      );
      expect(found.stdout).toMatch(
        /^problem: dev-cluster namespace backend: cannot list services and workloads in namespace backend \(403: .*\); skipped$/m,
      );
      expect(await configs(run)).toHaveProperty("size", 2);
    } finally {
      sim.cluster().allowAllAccess();
    }
  });

  it("refuses a setting other than on/off, on/off without --watch-context, --all-services without --namespace (exit 2)", async () => {
    const { run } = sim.home();
    const all = await run(["discover", "--all-services"]);
    expect(all.code).toBe(2);
    expect(all.stderr).toBe("ferry: --all-services takes one namespace: add --namespace N\n");
    const bad = await run(["discover", "--watch-context", "dev-cluster", "maybe"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('ferry: --watch-context takes on or off, got "maybe"\n');
    const lone = await run(["discover", "on"]);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toBe('ferry: "on" needs --watch-context <context> before it\n');
  });
});
