import { homedir } from "node:os";
import { delimiter, join } from "node:path";

function expandHome(p: string, home: string): string {
  if (p === "~") return home;
  if (p.startsWith("~/")) return join(home, p.slice(2));
  return p;
}

/**
 * The kubeconfig files a config names, in merge order. null / "" / "default" mean $KUBECONFIG
 * (itself a list) or ~/.kube/config; "~" is expanded; several paths are joined by ":".
 */
export function kubeconfigPaths(
  kubeconfig: string | null,
  env: NodeJS.ProcessEnv = process.env,
  home = homedir(),
): string[] {
  const raw =
    kubeconfig === null || kubeconfig.trim() === "" || kubeconfig === "default"
      ? env.KUBECONFIG?.trim() || join(home, ".kube", "config")
      : kubeconfig;
  const sep = raw.includes(delimiter) ? delimiter : ":";
  return raw
    .split(sep)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => expandHome(p, home));
}

/** null, "" and "@current" all mean "the kubeconfig's current context". */
export function isCurrentContext(context: string | null): boolean {
  return context === null || context.trim() === "" || context === "@current";
}
