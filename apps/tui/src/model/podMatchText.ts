import type { KubePod } from "@ferry/store/client";

/** What a selector picks, said under the field: the matching pods and whether they are ready. */
export function podMatchText(selector: string, pods: readonly KubePod[]): string {
  if (pods.length === 0) return `no pod matches ${selector}`;
  const names = pods.map((p) => `${p.name}${p.ready ? "" : " (not ready)"}`);
  return `${pods.length} pod${pods.length === 1 ? "" : "s"} match: ${names.join(", ")}`;
}
