import { closeFerryClient, createFerryClient, findDaemon } from "@ferry/store/client";
import type { DaemonValues } from "./candidates.ts";

const NONE: DaemonValues = { aliases: [], groups: [], contexts: [] };
const distinct = (items: (string | null | undefined)[]) => [
  ...new Set(items.filter((s): s is string => typeof s === "string" && s !== "")),
];

/**
 * Aliases, groups and contexts from the running daemon. Completion never starts one: with no
 * daemon (or one that fails to answer) there is simply nothing to offer.
 */
export async function daemonValues(): Promise<DaemonValues> {
  const daemon = await findDaemon().catch(() => null);
  if (!daemon) return NONE;
  const client = createFerryClient({ daemon });
  try {
    const configs = await client.configs.list.query();
    const kubeContexts = await client.kube.contexts.query().catch(() => []);
    return {
      aliases: distinct(configs.map((c) => c.alias)),
      groups: distinct(configs.map((c) => c.group)),
      contexts: distinct([...configs.map((c) => c.context), ...kubeContexts.map((c) => c.name)]),
    };
  } catch {
    return NONE;
  } finally {
    closeFerryClient(client);
  }
}
