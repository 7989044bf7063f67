import { homedir } from "node:os";
import { join, resolve } from "node:path";

/** `home` if given, else `$FERRY_HOME`, else `~/.ferry`; always absolute. */
export function resolveFerryHome(home?: string, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = home ?? (env.FERRY_HOME ? env.FERRY_HOME : join(homedir(), ".ferry"));
  return resolve(chosen.startsWith("~/") ? join(homedir(), chosen.slice(2)) : chosen);
}
