import { ferry, type Run, useTempDirs } from "./configHarness.ts";

export { addServiceArgs, alive, ferry, ferrydPids, waitGone } from "./configHarness.ts";

/** Temp FERRY_HOMEs; their daemons are stopped after each test (see useTempDirs). */
export const useHomes = useTempDirs;

/** Runs the real `ferry` with FERRY_HOME=home plus `env` (KUBECONFIG, FERRY_HOSTS_FILE...). */
export function ferryWith(home: string, args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return ferry(home, args, undefined, undefined, env);
}
