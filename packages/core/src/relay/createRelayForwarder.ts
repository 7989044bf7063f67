// The wiring the engine uses: a RelayForwarder on core's kube client cache and port-forward, and
// the orphan sweep with the same clients.
import { getKube } from "../kube/index.ts";
import { openPortForwardStream } from "../portforward/index.ts";
import type { ForwardConfig, ForwardEvent } from "../types.ts";
import { RelayForwarder } from "./relayForwarder.ts";
import { relayOwnerId } from "./relayLabels.ts";
import type { RelayScope } from "./relayLedger.ts";
import { sweepOrphanRelays } from "./sweepOrphanRelays.ts";
import type { SweepResult } from "./sweepRelayPods.ts";

export interface RelayEngineOptions {
  ferryHome: string;
  emit: (event: ForwardEvent) => void;
  /** Default image for a freshly written proxy_manifest.json (air-gapped mirrors). */
  relayImage?: string;
  readyTimeoutMs?: number;
  portOwner?: (address: string, port: number) => string | undefined;
}

/** Throws FerryForwardError (UNKNOWN_CONTEXT, KUBECONFIG_UNREADABLE) when the kubeconfig is unusable. */
export function createRelayForwarder(
  config: ForwardConfig,
  options: RelayEngineOptions,
): RelayForwarder {
  const kube = getKube(config);
  return new RelayForwarder(config, {
    api: kube.coreApi,
    openPodStream: (pod, port) => openPortForwardStream(kube.kc, pod, port),
    ferryHome: options.ferryHome,
    owner: relayOwnerId(),
    image: options.relayImage,
    readyTimeoutMs: options.readyTimeoutMs,
    emit: options.emit,
    portOwner: options.portOwner,
  });
}

/**
 * For the engine's sweepOrphans(): deletes this user's relay pods whose config is not in
 * `running`, wherever the ledger (and `scopes`) say relays were made.
 */
export function sweepRelayOrphans(
  ferryHome: string,
  running: ReadonlySet<number>,
  scopes: RelayScope[] = [],
): Promise<SweepResult> {
  return sweepOrphanRelays({
    ferryHome,
    owner: relayOwnerId(),
    running,
    scopes,
    apiFor: (kubeconfig, context) => getKube({ kubeconfig, context }).coreApi,
  });
}
