import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addServiceArgs, EXAMPLES, ferry, useTempDirs, writeInput } from "./configHarness.ts";

const ALIASES = ["web-frontend-svc", "auth-api-pod", "cluster-dns-udp", "private-redis-proxy"];

describe("ferry config (real binary, temporary FERRY_HOME)", () => {
  const tempDir = useTempDirs();

  it("imports the examples, lists the four configs, and a second import adds 0", async () => {
    const home = tempDir();
    const first = await ferry(home, ["config", "import", EXAMPLES]);
    expect(first).toMatchObject({ code: 0, stderr: "" });
    expect(first.stdout).toContain("4 added, 0 updated, 0 unchanged");

    const list = await ferry(home, ["config", "list"]);
    expect(list.code).toBe(0);
    expect(list.stdout.split("\n")[0]).toMatch(/^ID\s+ALIAS\s+TYPE\s+TARGET\s+NAMESPACE/);
    for (const alias of ALIASES) expect(list.stdout).toContain(alias);
    expect(list.stdout).toMatch(
      /auth-api-pod\s+pod\s+pod\/app=auth:8080\s+backend\s+dev-cluster\s+tcp\s+127\.0\.0\.2:9001\s+8080/,
    );

    const second = await ferry(home, ["config", "import", EXAMPLES]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("0 added, 0 updated, 4 unchanged");
  });

  it("prints stable JSON for scripts", async () => {
    const home = tempDir();
    await ferry(home, ["config", "import", EXAMPLES]);
    const list = await ferry(home, ["config", "list", "--json"]);
    const configs = JSON.parse(list.stdout) as Record<string, unknown>[];
    expect(configs.map((c) => c.alias)).toEqual(ALIASES);
    expect(Object.keys(configs[3] ?? {})).toEqual([
      "id",
      "alias",
      "context",
      "kubeconfig",
      "namespace",
      "workload_type",
      "service",
      "target",
      "remote_address",
      "protocol",
      "remote_port",
      "local_port",
      "local_address",
      "domain_enabled",
      "auto_start",
      "http_logs_enabled",
      "http_logs_max_file_size",
      "http_logs_retention_days",
      "http_logs_auto_cleanup",
      "group",
      "source",
      "localChange",
      "upstreamDeleted",
    ]);
    const show = await ferry(home, ["config", "show", "private-redis-proxy", "--json"]);
    expect(JSON.parse(show.stdout)).toEqual(configs[3]);
  });

  it("export -> import into an empty home -> export is byte-identical", async () => {
    const a = tempDir();
    await ferry(a, ["config", "import", EXAMPLES]);
    await ferry(a, [
      "config",
      "add",
      "--namespace",
      "x",
      "--workload-type",
      "pod",
      "--target",
      "app=x",
      "--remote-port",
      "81",
      "--group",
      "g",
      "--auto-start",
    ]);
    const out = tempDir();
    const file = join(out, "export.json");
    const written = await ferry(a, ["config", "export", file]);
    expect(written.code).toBe(0);
    expect(readdirSync(out)).toEqual(["export.json"]); // the temp file was renamed, not left behind
    const exported = readFileSync(file, "utf8");
    expect((await ferry(a, ["config", "export"])).stdout).toBe(exported);

    const b = tempDir();
    expect((await ferry(b, ["config", "import", file])).code).toBe(0);
    expect((await ferry(b, ["config", "export"])).stdout).toBe(exported);
  });

  it("imports from stdin, and a dry run writes nothing", async () => {
    const home = tempDir();
    const dry = await ferry(home, ["config", "import", "--dry-run", EXAMPLES]);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("would add 4, update 0, leave 0 unchanged");
    expect((await ferry(home, ["config", "list", "--json"])).stdout).toBe("[]\n");

    const piped = await ferry(home, ["config", "import", "-"], readFileSync(EXAMPLES, "utf8"));
    expect(piped.stdout).toContain("imported stdin: 4 added");

    const single =
      '/* one object, not a list */ { "namespace": "n", "workload_type": "pod", "target": "app=x", "remote_port": 7, }';
    const one = await ferry(home, ["config", "import", "-"], single);
    expect(one.stdout).toBe(
      "imported stdin: 1 added, 0 updated, 0 unchanged, 0 skipped\n  + pod-tcp-7\n",
    );
    expect(JSON.parse((await ferry(home, ["config", "show", "5", "--json"])).stdout)).toMatchObject(
      { alias: "pod-tcp-7" },
    );
  });

  it("points every imported config at --kubeconfig and --context", async () => {
    const home = tempDir();
    await ferry(home, [
      "config",
      "import",
      EXAMPLES,
      "--kubeconfig",
      "/me/kubeconfig",
      "--context",
      "kind-me",
    ]);
    const configs = JSON.parse((await ferry(home, ["config", "list", "--json"])).stdout) as Record<
      string,
      unknown
    >[];
    expect(configs.map((c) => [c.kubeconfig, c.context])).toEqual(
      ALIASES.map(() => ["/me/kubeconfig", "kind-me"]),
    );
  });

  it("warns about unknown fields, skipped entries and renamed aliases", async () => {
    const home = tempDir();
    await ferry(home, ["config", "import", EXAMPLES]);
    const file = writeInput(
      tempDir(),
      "more.json",
      JSON.stringify([
        {
          alias: "auth-api-pod",
          namespace: "other",
          workload_type: "pod",
          target: "app=x",
          remote_port: 1,
          colour: 1,
        },
        { alias: "exp", namespace: "n", workload_type: "expose", remote_port: 1 },
      ]),
    );
    const run = await ferry(home, ["config", "import", file]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      [
        'warning: [0]: unknown field "colour" dropped',
        'warning: [1]: skipped: workload_type "expose" is not supported by Ferry',
        'warning: [0]: alias "auth-api-pod" is taken; imported as "auth-api-pod-2"',
        "",
      ].join("\n"),
    );
  });

  it("adds, shows, edits and removes configs", async () => {
    const home = tempDir();
    const add = await ferry(
      home,
      addServiceArgs("web", { namespace: "webapp", service: "frontend", localPort: 8080 }, [
        "--domain-enabled",
      ]),
    );
    expect(add).toMatchObject({ code: 0, stdout: 'added config "web" (id 1)\n' });
    expect(
      (
        await ferry(home, [
          "config",
          "edit",
          "web",
          "--local-port",
          "9090",
          "--domain-enabled",
          "false",
        ])
      ).code,
    ).toBe(0);
    const show = await ferry(home, ["config", "show", "web"]);
    expect(show.stdout).toMatch(/local_port\s+9090/);
    expect(show.stdout).toMatch(/domain_enabled\s+false/);
    expect(show.stdout).toMatch(/target\s+-/);
    await ferry(home, [
      "config",
      "add",
      "--namespace",
      "n",
      "--workload-type",
      "proxy",
      "--remote-address",
      "db.internal",
      "--remote-port",
      "5432",
    ]);
    const rm = await ferry(home, ["config", "rm", "web", "proxy-tcp-5432"]);
    expect(rm).toMatchObject({ code: 0, stdout: 'removed "web", "proxy-tcp-5432"\n' });
    expect((await ferry(home, ["config", "list", "--json"])).stdout).toBe("[]\n");
  });

  it("has --help on every command", async () => {
    const home = tempDir();
    for (const cmd of [
      [],
      ["config"],
      ...["list", "show", "add", "edit", "rm", "import", "export"].map((c) => ["config", c]),
    ]) {
      const run = await ferry(home, [...cmd, "--help"]);
      expect(run.code, cmd.join(" ")).toBe(0);
      expect(run.stdout).toContain("Usage: ferry");
    }
    const add = await ferry(home, ["config", "add", "--help"]);
    for (const flag of [
      "--alias",
      "--context",
      "--kubeconfig",
      "--namespace",
      "--workload-type",
      "--service",
      "--target",
      "--remote-address",
      "--protocol",
      "--remote-port",
      "--local-port",
      "--local-address",
      "--domain-enabled",
    ]) {
      expect(add.stdout).toContain(flag);
    }
    // Options promise only what they do (issue 14); HTTP logging is done since issue 17.
    expect(add.stdout.replace(/\s+/g, " ")).toContain(
      "--http-logs-enabled [true|false] log HTTP exchanges to $FERRY_HOME/http_logs (true|false; live, no restart)",
    );
  });

  it("exits 2 on usage errors", async () => {
    const home = tempDir();
    expect((await ferry(home, ["config", "frobnicate"])).code).toBe(2);
    expect((await ferry(home, ["config", "show"])).code).toBe(2);
    expect((await ferry(home, ["config", "list", "--bogus"])).code).toBe(2);
    const edit = await ferry(home, ["config", "edit", "web"]);
    expect(edit.code).toBe(2);
    expect(edit.stderr).toContain("nothing to change");
  });
});
