import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { startGitServer } from "@ferry/git-server";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitGone } from "./configHarness.ts";
import {
  exampleUser,
  type Installed,
  mappedFiles,
  packAndInstall,
  removeInstall,
  runIn,
  startExampleForwards,
  userEnv,
} from "./installHarness.ts";
import { verifyUnit } from "./serviceHarness.ts";

const CHECKOUT = join(import.meta.dirname, "../../../..");

// Issue 21's acceptance: the package installed into a clean prefix works on its own.
describe("the installed package (npm install -g --prefix <tmp> ferry-<version>.tgz)", () => {
  let installed: Installed;
  let cluster: KubeSim;

  beforeAll(async () => {
    installed = packAndInstall();
    cluster = await startKubeSim({ scenario: "demo", dir: join(installed.dir, "sim") });
  }, 180_000);
  afterAll(async () => {
    await cluster?.close();
    await removeInstall(installed, ["home", "home-unit", "home-sync"]);
  });

  it("runs from the prefix alone: version, import, start, HTTP, status, stop, daemon stop", async () => {
    const { home, work, env, ferry } = exampleUser(installed, cluster.kubeconfigPath);

    const version = await ferry("--version");
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout).toMatch(/^ferry \d+\.\d+\.\d+/);

    // The TUI is bundled from its .tsx: it starts without TypeScript, alone and through ferry.
    for (const [cmd, args] of [
      ["ferry-tui", ["--help"]],
      ["ferry", ["tui", "--", "--help"]],
    ] as const) {
      const tui = await runIn(work, env, cmd, [...args]);
      expect(tui.code, tui.stderr).toBe(0);
      expect(tui.stdout).toMatch(/^ferry-tui \[--home DIR\]/);
    }

    const { pid, web, dns } = await startExampleForwards(ferry, cluster.kubeconfigPath, home);

    // The daemon the CLI started is the installed one, in the temporary HOME, with ferryd's Node
    // flags, and nothing it runs or has mapped (the SQLite addon) comes from the checkout. Node
    // itself is the one the tests run on (the project's toolchain): the machine's own is too old.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(cmdline.slice(1).filter(Boolean)).toEqual([
      "--max-semi-space-size=4",
      join(installed.packageDir, "dist/ferryd.js"),
    ]);
    const mapped = mappedFiles(pid).filter((file) => file !== process.execPath);
    expect(mapped.some((file) => file.includes("better-sqlite3") && file.endsWith(".node"))).toBe(
      true,
    );
    expect(mapped.filter((file) => file.startsWith(CHECKOUT))).toEqual([]);

    expect(web?.state).toBe("running");
    expect(dns?.state).toBe("running");
    const res = await fetch(`http://${web?.localAddress}:${web?.localPort}/`);
    expect(res.status).toBe(200);
    await res.text();

    const stop = await ferry("stop", "--all");
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain("web-frontend-svc  stopped");

    // An import over 256 KiB runs in the daemon's worker thread, a second entry of the bundle.
    const many = Array.from({ length: 3000 }, (_, i) => ({
      alias: `bulk-${i}`,
      namespace: "webapp",
      workload_type: "service",
      service: `svc-${i}`,
      remote_port: 80,
      local_port: 0,
    }));
    writeFileSync(join(work, "many.json"), JSON.stringify(many));
    const bulk = await ferry("config", "import", "many.json");
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).toContain("3000 added");
    const daemonStop = await ferry("daemon", "stop");
    expect(daemonStop.code, daemonStop.stderr).toBe(0);
    expect(daemonStop.stdout).toBe(`ferryd stopped (pid ${pid})\n`);
    await waitGone(pid);
  });

  it("`ferry daemon install` writes a unit systemd accepts, pointing at the installed ferryd", async () => {
    const home = join(installed.dir, "home-unit");
    mkdirSync(home);
    const env = userEnv(installed, home, { XDG_CONFIG_HOME: join(home, "config") });
    const run = await runIn(home, env, "ferry", ["daemon", "install", "--no-enable"]);
    expect(run.code, run.stderr).toBe(0);
    const unitFile = join(home, "config/systemd/user/ferryd.service");
    const unit = readFileSync(unitFile, "utf8");
    expect(unit).toContain(
      `ExecStart="${process.execPath}" "--max-semi-space-size=4" "${join(installed.packageDir, "dist/ferryd.js")}"`,
    );
    for (const source of ["apps", "packages"]) expect(unit).not.toContain(join(CHECKOUT, source));
    mkdirSync(join(home, "runtime"), { mode: 0o700 });
    expect(verifyUnit(unitFile, join(home, "runtime"))).toEqual({ code: 0, stderr: "" });
  });

  it("git sync (isomorphic-git over verified HTTPS) and HTTP logs work from the package", async () => {
    const home = join(installed.dir, "home-sync");
    mkdirSync(home);
    const git = await startGitServer({ auth: { bearer: "tok-pkg-51d0" } });
    try {
      git.createRepo("team", {
        "forwards.json": JSON.stringify([
          {
            alias: "synced-web",
            context: "dev-cluster",
            namespace: "webapp",
            service: "frontend-service",
            workload_type: "service",
            remote_port: 80,
            local_port: 0,
            http_logs_enabled: true,
          },
        ]),
      });
      writeFileSync(join(home, "gitconfig"), "");
      const env = userEnv(installed, home, {
        KUBECONFIG: cluster.kubeconfigPath,
        FERRY_HOSTS_FILE: join(home, "hosts"),
        GIT_TOKEN: "tok-pkg-51d0",
        GIT_CONFIG_GLOBAL: join(home, "gitconfig"),
      });
      const ferry = (...args: string[]) => runIn(home, env, "ferry", args);
      const add = await ferry(
        "sync",
        "add",
        "team",
        git.httpsUrl("team"),
        "--path",
        "forwards.json",
        "--ca-file",
        git.caFile,
        "--token-env",
        "GIT_TOKEN",
        "--auth-scheme",
        "bearer",
      );
      expect(add.code, add.stderr).toBe(0);
      expect(add.stdout).toMatch(
        /^team: [0-9a-f]{7}: 1 added, 0 updated, 0 unchanged, 0 removed$/m,
      );

      const start = await ferry("start", "synced-web");
      expect(start.code, start.stderr).toBe(0);
      const rows = JSON.parse((await ferry("status", "--json")).stdout) as {
        localAddress: string;
        localPort: number;
      }[];
      const res = await fetch(`http://${rows[0]?.localAddress}:${rows[0]?.localPort}/logged`);
      expect(res.status).toBe(200);
      await res.text();
      let logged = "";
      for (let i = 0; i < 50 && !logged.includes("/logged"); i++) {
        logged = (await ferry("logs", "http", "synced-web", "--json")).stdout;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(logged).toContain('"url":"/logged"');
      expect((await ferry("daemon", "stop")).code).toBe(0);
    } finally {
      await git.close();
    }
  }, 120_000);
});
