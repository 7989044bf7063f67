import { withRunningDaemon } from "../daemon/withDaemon.ts";
import type { DaemonValues } from "./candidates.ts";

const NONE: DaemonValues = { aliases: [], groups: [], contexts: [], sources: [] };
const distinct = (items: (string | null | undefined)[]) => [
  ...new Set(items.filter((s): s is string => typeof s === "string" && s !== "")),
];

/**
 * Aliases, groups and contexts from the running daemon. Completion never starts one: with no
 * daemon (or one that fails to answer) there is simply nothing to offer.
 */
export async function daemonValues(): Promise<DaemonValues> {
  try {
    const values = await withRunningDaemon(async (client) => {
      const configs = await client.configs.list.query();
      const kubeContexts = await client.kube.contexts.query().catch(() => []);
      const sources = await client.sync.list.query().catch(() => []);
      return {
        aliases: distinct(configs.map((c) => c.alias)),
        groups: distinct(configs.map((c) => c.group)),
        contexts: distinct([...configs.map((c) => c.context), ...kubeContexts.map((c) => c.name)]),
        sources: distinct(sources.map((s) => s.name)),
      };
    });
    return values ?? NONE;
  } catch {
    return NONE;
  }
}
