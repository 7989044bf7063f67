import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import { join } from "node:path";
import { type GitServer, startGitServer } from "@ferry/git-server";
import { afterAll, beforeAll } from "vitest";
import type { Run } from "./configHarness.ts";
import { ferryWith } from "./daemonHarness.ts";
import { useKubeSim } from "./simHarness.ts";

export const TOKEN = "tok-sync-9f41c2e7";
export const WRONG_TOKEN = "tok-wrong-5a7be013";

/** A kftray config entry forwarding webapp/frontend-service:80 of the sim's dev-cluster. */
export const entry = (alias: string, localPort: number) => ({
  alias,
  context: "dev-cluster",
  namespace: "webapp",
  service: "frontend-service",
  workload_type: "service",
  protocol: "tcp",
  remote_port: 80,
  local_port: localPort,
});

export const forwardsJson = (...entries: ReturnType<typeof entry>[]) =>
  `${JSON.stringify(entries, null, 2)}\n`;

/** A port nothing listens on right now (the OS picked it and it was closed again). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface SyncHome {
  home: string;
  run(args: string[], env?: Record<string, string>): Promise<Run>;
  /** Every run's stdout and stderr so far (to grep for tokens). */
  output(): string;
}

/**
 * A git server (basic auth dev/TOKEN, its own CA) and a kube-sim for the describe block; homes
 * whose daemons get FERRY_GIT_TOKEN and a git config of their own (no user credential helper).
 */
export function useSyncWorld(): { git: () => GitServer; sim: () => string; home: () => SyncHome } {
  const sim = useKubeSim();
  let git: GitServer;
  beforeAll(async () => {
    git = await startGitServer({ auth: { basic: { username: "dev", password: TOKEN } } });
  });
  afterAll(async () => {
    await git?.close();
  });
  return {
    git: () => git,
    sim: () => sim.cluster().kubeconfigPath,
    home: () => {
      const h = sim.home();
      const gitConfig = join(h.home, "gitconfig");
      writeFileSync(gitConfig, "");
      const env = {
        ...h.env,
        FERRY_GIT_TOKEN: TOKEN,
        GIT_CONFIG_GLOBAL: gitConfig,
        GIT_CONFIG_NOSYSTEM: "1",
      };
      let seen = "";
      return {
        home: h.home,
        run: async (args, more = {}) => {
          const r = await ferryWith(h.home, args, { ...env, ...more });
          seen += r.stdout + r.stderr;
          return r;
        },
        output: () => seen,
      };
    },
  };
}

/** Paths of the files under `dir` whose bytes contain `secret`. */
export function filesContaining(dir: string, secret: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && readFileSync(p).includes(secret)) found.push(p);
    }
  };
  walk(dir);
  return found;
}

/**
 * `sync add` arguments for a repository of `git` the user trusts: its URL, the file or folder,
 * the test CA, and the token from FERRY_GIT_TOKEN with the user name the server expects.
 */
export const trustedSource = (git: GitServer, repo: string, path = "forwards.json") => [
  git.httpsUrl(repo),
  "--path",
  path,
  "--ca-file",
  git.caFile,
  "--token-env",
  "FERRY_GIT_TOKEN",
  "--username",
  "dev",
];
