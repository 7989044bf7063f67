import type { Config } from "../schema/config.ts";
import { localEndText } from "./localEnd.ts";
import { targetText } from "./targetText.ts";

/**
 * The list's search, case-insensitive: true when every word appears in the alias, context,
 * group, namespace, target, local end or protocol. `noContext` stands for a config without a
 * context (the TUI matches its "(current context)" heading).
 */
export function matchesSearch(c: Config, search: string, noContext = ""): boolean {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = [
    c.alias,
    c.context ?? noContext,
    c.group ?? "",
    c.namespace,
    targetText(c),
    localEndText(c),
    c.protocol,
  ]
    .join(" ")
    .toLowerCase();
  return words.every((word) => hay.includes(word));
}
