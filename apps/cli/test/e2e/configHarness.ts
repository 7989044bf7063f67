import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { processAlive as alive } from "@ferry/store/node";
import { afterEach } from "vitest";

const BIN = join(import.meta.dirname, "../../src/bin/ferry.ts");
export const EXAMPLES = join(import.meta.dirname, "../../../../examples/configs.json");

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `cmd args` to its end, collecting stdout and stderr, with `input` on stdin. */
export function runCollect(
  cmd: string,
  args: string[],
  options: SpawnOptions,
  input?: string,
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { ...options, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin?.end(input ?? "");
  });
}

/** Runs the real `ferry` binary (this Node, i.e. Node 24) with FERRY_HOME=home. */
export function ferry(
  home: string,
  args: string[],
  input?: string,
  as?: { uid: number; gid: number },
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return runCollect(
    process.execPath,
    [BIN, ...args],
    { env: { ...process.env, FERRY_HOME: home, NO_COLOR: "1", ...env }, ...as },
    input,
  );
}

/** `ferry config add` argv: `alias` forwards port 80 of `service` in `namespace`; `more` flags follow. */
export function addServiceArgs(
  alias: string,
  to: { namespace: string; service: string; localPort: number | string },
  more: string[] = [],
): string[] {
  return [
    "config",
    "add",
    "--alias",
    alias,
    "--namespace",
    to.namespace,
    "--workload-type",
    "service",
    "--service",
    to.service,
    "--remote-port",
    "80",
    "--local-port",
    String(to.localPort),
    ...more,
  ];
}

/** Pids of ferryd processes whose FERRY_HOME is `home` (Linux /proc). */
export function ferrydPids(home: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (!cmd.includes("ferryd.ts")) continue;
      const env = readFileSync(`/proc/${entry}/environ`, "utf8").split("\0");
      if (env.includes(`FERRY_HOME=${home}`)) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

export { alive };

export async function waitGone(pid: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
}

/**
 * Temp dirs for homes and input files, removed after each test. A `ferry config` run starts a
 * ferryd for its home: it is stopped (SIGTERM, then waited for) first, or it would still be
 * writing into the directory being removed, and outlive the test.
 */
export function useTempDirs(): () => string {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) {
      for (const pid of ferrydPids(dir)) {
        process.kill(pid, "SIGTERM");
        await waitGone(pid);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), "ferry-cli-e2e-"));
    dirs.push(dir);
    return dir;
  };
}

/** Writes `text` to `dir/name` and returns the path. */
export function writeInput(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The database's bytes (every ferry run closes it, so the WAL is checkpointed and gone). */
export function dbFingerprint(home: string): string {
  const db = join(home, "configs.db");
  if (!existsSync(db)) return "absent";
  const wal = existsSync(`${db}-wal`) ? readFileSync(`${db}-wal`) : Buffer.alloc(0);
  return createHash("sha256").update(readFileSync(db)).update(wal).digest("hex");
}

const NOBODY = { uid: 65534, gid: 65534 };

/**
 * Who can be refused a write: this user when it is not root; as root (which ignores permissions),
 * the `nobody` user when it can run this checkout's Node and sources; else null (test skipped).
 */
export function unprivilegedUser(): { uid: number; gid: number } | undefined | null {
  if (process.getuid?.() !== 0) return undefined;
  const probe = spawnSync(process.execPath, [BIN, "--help"], { ...NOBODY, stdio: "ignore" });
  return probe.status === 0 ? NOBODY : null;
}
