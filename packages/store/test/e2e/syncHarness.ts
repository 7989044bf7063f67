import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type GitServer, hasGit, startGitServer } from "@ferry/git-server";
import { afterAll, beforeAll } from "vitest";
import type { FerryClient } from "../../src/client/index.ts";
import type { useDaemons } from "./daemonHarness.ts";

export const GIT_TOKEN = "tok-store-sync-7c41e9a2";

/**
 * A real git server (git http-backend over HTTPS, basic auth user `ci` with GIT_TOKEN, a CA made
 * at start) for the describe, and an empty git config for every git the daemon may run, so a
 * developer's credential helper never takes part.
 */
export function useGitServer(daemons: ReturnType<typeof useDaemons>): {
  server: () => GitServer;
  /** A ferryd (its own home) with the test's git environment (plus `env`), and a client of it. */
  daemon: (env?: NodeJS.ProcessEnv) => Promise<{
    home: string;
    ferry: FerryClient;
    output: () => string;
  }>;
} {
  let server: GitServer | undefined;
  let dir: string | undefined;
  beforeAll(async () => {
    if (!hasGit())
      throw new Error("git sync e2e: git or git-http-backend is missing; apt-get install git");
    dir = mkdtempSync(join(tmpdir(), "ferry-sync-e2e-"));
    writeFileSync(join(dir, "gitconfig"), "");
    server = await startGitServer({ auth: { basic: { username: "ci", password: GIT_TOKEN } } });
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    server: () => {
      if (!server) throw new Error("useGitServer: the server is there once beforeAll has run");
      return server;
    },
    async daemon(env = {}) {
      const { home, child, client } = await daemons.started({
        GIT_CONFIG_GLOBAL: join(dir as string, "gitconfig"),
        GIT_CONFIG_NOSYSTEM: "1",
        FERRY_TEST_GIT_TOKEN: GIT_TOKEN,
        ...env,
      });
      return { home, ferry: client, output: child.output };
    },
  };
}

/** A config of kube-sim's demo shape (valid for the schema; only started ones need the cluster). */
export function entry(alias: string, localPort: number, more: Record<string, unknown> = {}) {
  return {
    alias,
    namespace: "webapp",
    workload_type: "service",
    service: "frontend-service",
    remote_port: 80,
    local_port: localPort,
    ...more,
  };
}

export const json = (entries: unknown[]) =>
  `// team forwards\n${JSON.stringify(entries, null, 2)}\n`;

/** Every byte of every file under `dir`, to look for a secret. */
export function everyFileText(dir: string): string {
  let all = "";
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    try {
      if (statSync(path).isFile()) all += readFileSync(path).toString("latin1");
    } catch {}
  }
  return all;
}
