import { homedir } from "node:os";
import { join } from "node:path";
import { FERRYD_BIN, FERRYD_NODE_FLAGS, resolveFerryHome } from "@ferry/store/node";

/**
 * What a login service runs: this Node, with ferryd's Node flags (the same as a CLI-started
 * ferryd's), and the ferryd beside this CLI (in the installed package, `dist/ferryd.js`), for
 * this FERRY_HOME. The environment a kube exec plugin needs (PATH,
 * KUBECONFIG) is carried over from the shell that installs the service. Never the token: ferryd
 * makes a fresh one at each start and writes it only to daemon.json.
 */
export interface ServiceSpec {
  program: string[];
  env: Record<string, string>;
  home: string;
}

export function serviceSpec(env: NodeJS.ProcessEnv = process.env): ServiceSpec {
  const home = resolveFerryHome();
  const carried: Record<string, string> = { FERRY_HOME: home };
  for (const name of ["PATH", "KUBECONFIG"]) {
    const value = env[name];
    if (value) carried[name] = value;
  }
  return { program: [process.execPath, ...FERRYD_NODE_FLAGS, FERRYD_BIN], env: carried, home };
}

/** `$XDG_CONFIG_HOME/systemd/user` (default ~/.config/systemd/user). */
export function systemdUserDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "systemd/user");
}

export const SYSTEMD_UNIT = "ferryd.service";
export const LAUNCH_AGENT_LABEL = "dev.ferry.ferryd";
export const launchAgentPath = () =>
  join(homedir(), "Library/LaunchAgents", `${LAUNCH_AGENT_LABEL}.plist`);
