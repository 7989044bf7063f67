import type { RouterOutputs } from "./routerTypes.ts";

export type KubePod = RouterOutputs["kube"]["pods"][number];

/** The namespace's pod labels as selectors to pick (`app=auth`), each once, sorted. */
export function labelSelectors(pods: readonly Pick<KubePod, "labels">[]): string[] {
  const all = pods.flatMap((p) => Object.entries(p.labels).map(([k, v]) => `${k}=${v}`));
  return [...new Set(all)].sort();
}
