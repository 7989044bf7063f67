/**
 * Puts `env` into this process's environment and returns what undoes it. The tray's main runs in
 * the test process: the ferryd its connectDaemon starts (at start, or again after the daemon was
 * lost) inherits this environment.
 */
export function setEnv(env: NodeJS.ProcessEnv): () => void {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** Runs `fn` with `env` in this process's environment. */
export async function withEnv<T>(env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const restore = setEnv(env);
  try {
    return await fn();
  } finally {
    restore();
  }
}

/** What main's environment needs for a harness home: the daemon it starts allows the page. */
export const mainEnv = (env: NodeJS.ProcessEnv, origin: string): NodeJS.ProcessEnv => ({
  HOME: env.HOME,
  FERRY_HOME: env.FERRY_HOME,
  FERRY_HOSTS_FILE: env.FERRY_HOSTS_FILE,
  FERRY_ALLOWED_ORIGINS: origin,
});
