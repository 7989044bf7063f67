import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runCollect } from "./configHarness.ts";

const PACK = join(import.meta.dirname, "../../../ferry-pkg/src/pack.ts");

export interface Installed {
  /** The npm prefix: bins in `prefix/bin`. */
  prefix: string;
  /** Where the package itself went (`prefix/lib/node_modules/ferry`), real path. */
  packageDir: string;
  /** The scratch dir holding the prefix, the tarball and the test HOMEs; removed by `remove`. */
  dir: string;
  remove(): void;
}

/**
 * npm as a user runs it: without the `npm_config_*` and `pnpm_*` variables that `pnpm run` sets
 * for its own scripts (a user's npm has none of them). Kept: the cache, and `nodedir`, the
 * toolchain Node's headers: better-sqlite3 12.11 has no prebuilt binary reachable here (GitHub
 * is not), so node-gyp compiles it, and without nodedir (nodejs.org unreachable too) it took the
 * system's Node 20 headers and built an addon Node 24 refuses (NODE_MODULE_VERSION 115 vs 137).
 */
function userNpmEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(npm|pnpm)_/i.test(k) || k === "npm_config_cache" || k === "npm_config_nodedir",
    ),
  );
}

/**
 * Packs ferry-<version>.tgz from this checkout and installs it the way a user does:
 * `npm install -g --prefix <tmp>`, its dependencies from the registry.
 */
export function packAndInstall(): Installed {
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
      env: userNpmEnv(),
      timeout: 150_000,
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
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The environment of a user who has only the installed package: a fresh HOME, PATH = the
 * prefix's bin, the Node that runs it, and the system's. No FERRY_HOME, nothing of the checkout.
 */
export function userEnv(installed: Installed, home: string, more: NodeJS.ProcessEnv = {}) {
  return {
    HOME: home,
    PATH: [join(installed.prefix, "bin"), dirname(process.execPath), "/usr/bin", "/bin"].join(":"),
    NO_COLOR: "1",
    ...more,
  } as NodeJS.ProcessEnv;
}

/** Runs a program by name, as a shell would, in `cwd` with exactly `env`. */
export const runIn = (cwd: string, env: NodeJS.ProcessEnv, cmd: string, args: string[]) =>
  runCollect(cmd, args, { cwd, env });
