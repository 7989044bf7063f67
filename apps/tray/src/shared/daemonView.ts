/**
 * The slice of the daemon's data the tray menu, the icon and the renderer need. Kept structural
 * (no import from the daemon) so the pure functions here stay testable without a daemon.
 */
export type ForwardState = "starting" | "running" | "reconnecting" | "error" | "stopped";

export interface ConfigSummary {
  id: number;
  alias: string;
  context: string | null;
  namespace: string;
}

export interface ForwardStatus {
  id: number;
  state: ForwardState;
  error?: string | null;
}

/** What the preload hands to the renderer: where the daemon listens and its bearer token. */
export interface DaemonConnection {
  daemonUrl: string;
  token: string;
}

/** Label used for configs without an explicit context (the kubeconfig's current context). */
export const DEFAULT_CONTEXT_LABEL = "(current context)";

/** Groups items by kube context, contexts sorted by name, items sorted by alias. */
export function groupByContext<T extends { context: string | null; alias: string }>(
  items: readonly T[],
): { context: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = item.context ?? DEFAULT_CONTEXT_LABEL;
    const list = groups.get(key) ?? [];
    list.push(item);
    groups.set(key, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([context, list]) => ({
      context,
      items: list.sort((a, b) => a.alias.localeCompare(b.alias)),
    }));
}
