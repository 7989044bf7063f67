import type { CoreV1Api } from "@kubernetes/client-node";
import { forgetRelayScopes, type RelayScope, readRelayScopes } from "./relayLedger.ts";
import { type SweepResult, sweepRelayPods } from "./sweepRelayPods.ts";

export interface SweepOrphansOptions {
  ferryHome: string;
  owner: string;
  /** Config ids with a running forward: their relays stay. */
  running: ReadonlySet<number>;
  /** The API client for a config's kubeconfig + context (core's kube client cache). */
  apiFor: (kubeconfig: string | null, context: string | null) => Promise<CoreV1Api> | CoreV1Api;
  /** Extra places to look in besides the ledger (for example every namespace of saved relay configs). */
  scopes?: RelayScope[];
}

/**
 * The sweep the daemon runs on start and on demand: in every place this Ferry has put relays,
 * delete this owner's relay pods whose config is not running. A place with nothing running
 * there any more is dropped from the ledger once swept cleanly.
 */
export async function sweepOrphanRelays(options: SweepOrphansOptions): Promise<SweepResult> {
  const all = [...(await readRelayScopes(options.ferryHome)), ...(options.scopes ?? [])];
  const byCluster = new Map<
    string,
    { kubeconfig: string | null; context: string | null; namespaces: string[] }
  >();
  for (const s of all) {
    const key = JSON.stringify([s.kubeconfig, s.context]);
    const entry = byCluster.get(key) ?? {
      kubeconfig: s.kubeconfig,
      context: s.context,
      namespaces: [],
    };
    entry.namespaces.push(s.namespace);
    byCluster.set(key, entry);
  }
  const total: SweepResult = { deleted: [], problems: [] };
  const clean: RelayScope[] = [];
  for (const cluster of byCluster.values()) {
    try {
      const api = await options.apiFor(cluster.kubeconfig, cluster.context);
      const r = await sweepRelayPods(api, {
        owner: options.owner,
        keep: options.running,
        namespaces: cluster.namespaces,
      });
      total.deleted.push(...r.deleted);
      total.problems.push(...r.problems);
      if (r.problems.length === 0 && options.running.size === 0)
        clean.push(...cluster.namespaces.map((namespace) => ({ ...cluster, namespace })));
    } catch (err) {
      total.problems.push(`${cluster.context ?? "current context"}: ${(err as Error).message}`);
    }
  }
  if (clean.length > 0) await forgetRelayScopes(options.ferryHome, clean);
  return total;
}
