import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { GitServer } from "@ferry/git-server";
import { GitSyncError, type SyncSource } from "../../src/index.ts";

/** A scratch dir per suite; the user's git config (helpers!) never takes part in a test. */
export function scratch(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "git-sync-e2e-"));
  const globalConfig = join(dir, "gitconfig");
  writeFileSync(globalConfig, "");
  process.env.GIT_CONFIG_GLOBAL = globalConfig;
  process.env.GIT_CONFIG_NOSYSTEM = "1";
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The GitSyncError a promise rejects with (fails the test when it resolves or throws another). */
export async function refusal(p: Promise<unknown>): Promise<GitSyncError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof GitSyncError) return err;
    throw err;
  }
  throw new Error("expected a GitSyncError, but the call succeeded");
}

/** Every byte under `dir` (files only), to look for a secret left on disk. */
export function everyFileText(dir: string): string {
  let all = "";
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) all += readFileSync(path).toString("latin1");
  }
  return all;
}

export const FORWARDS = `// team forwards
[
  { "alias": "web", "namespace": "webapp", "workload_type": "service", "service": "frontend", "remote_port": 80, "local_port": 8080 }
]
`;

/** The "team" repository of `server` over HTTPS as user `ci`, trusting the server's CA. */
export function teamSource(server: GitServer, over: Partial<SyncSource> = {}): SyncSource {
  return {
    id: "team",
    url: server.httpsUrl("team"),
    ref: "main",
    path: "forwards.json",
    caFile: server.caFile,
    username: "ci",
    ...over,
  };
}
