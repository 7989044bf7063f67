import type { RouterOutputs } from "@ferry/store/client";

export type KubePod = RouterOutputs["kube"]["pods"][number];

/** The namespace's pod labels as selectors to pick (`app=auth`), each once, sorted. */
export function labelSelectors(pods: readonly KubePod[]): string[] {
  const all = pods.flatMap((p) => Object.entries(p.labels).map(([k, v]) => `${k}=${v}`));
  return [...new Set(all)].sort();
}

/** What a selector picks, said under the field: the matching pods and whether they are ready. */
export function podMatchText(selector: string, pods: readonly KubePod[]): string {
  if (pods.length === 0) return `no pod matches ${selector}`;
  const names = pods.map((p) => `${p.name}${p.ready ? "" : " (not ready)"}`);
  return `${pods.length} pod${pods.length === 1 ? "" : "s"} match: ${names.join(", ")}`;
}
