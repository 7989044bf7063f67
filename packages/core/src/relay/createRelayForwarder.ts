// The wiring the engine uses: a RelayForwarder on core's kube client cache, reaching its relay pod
// through a PodConnector (the SPDY tunnel where the API server has it, else v4), as TCP forwards do.

import { apiError } from "../kube/apiError.ts";
import { credentialsFor } from "../kube/credentials.ts";
import { getKube } from "../kube/index.ts";
import { type Gate, PodConnector, type PortForwardMode } from "../portforward/podConnector.ts";
import type { PortOwner } from "../ports/portInUse.ts";
import type { ForwardConfig, ForwardEvent } from "../types.ts";
import { checkRelayAccess } from "./relayAccess.ts";
import { RelayForwarder } from "./relayForwarder.ts";
import { relayOwnerId } from "./relayLabels.ts";

export interface RelayEngineOptions {
  ferryHome: string;
  emit: (event: ForwardEvent) => void;
  /** Replaces the relay container's image (air-gapped mirrors); default FERRY_RELAY_IMAGE. */
  relayImage?: string;
  /** The relay pod template instead of $FERRY_HOME/proxy_manifest.json. */
  relayManifestPath?: string;
  readyTimeoutMs?: number;
  portOwner?: PortOwner;
  /** `auto` (default): the SPDY tunnel where the API server has it; `v4`: never. */
  portForward?: PortForwardMode;
  pingMs?: number;
  pingTimeoutMs?: number;
  /** The engine's reconnect gate for a cluster (at most N connection attempts at once). */
  gate?: (cluster: string) => Gate;
}

/** Throws FerryForwardError (UNKNOWN_CONTEXT, KUBECONFIG_UNREADABLE) when the kubeconfig is unusable. */
export function createRelayForwarder(
  config: ForwardConfig,
  options: RelayEngineOptions,
): RelayForwarder {
  const kube = getKube(config);
  let connector: PodConnector | null = null;
  const log = (level: "info" | "warn", message: string) =>
    options.emit({ type: "log", id: config.id, level, message, at: Date.now() });
  // A refreshed login that cannot be saved is said on every forward using it, relay forwards as
  // TCP ones, from this run's start (the relay pod's API calls may refresh first) to its stop.
  let unhearWarnings = credentialsFor(kube.kc)?.onWarning((m) => log("warn", m));
  return new RelayForwarder(config, {
    api: kube.coreApi,
    openPodStream: (pod, port) => {
      connector ??= new PodConnector(kube.kc, {
        mode: options.portForward,
        pingMs: options.pingMs,
        pingTimeoutMs: options.pingTimeoutMs,
        gate: options.gate?.(kube.server),
        log,
      });
      return connector.open(pod, port);
    },
    closePodStreams: () => {
      connector?.close();
      connector = null;
      unhearWarnings?.();
      unhearWarnings = undefined;
    },
    // A tunnel that does not answer closes itself; the next stream (or the UDP lease) reopens.
    checkPodStreams: () => void connector?.checkAlive(),
    ferryHome: options.ferryHome,
    owner: relayOwnerId(),
    image: options.relayImage || process.env.FERRY_RELAY_IMAGE || undefined,
    manifestPath: options.relayManifestPath || undefined,
    readyTimeoutMs: options.readyTimeoutMs,
    emit: options.emit,
    portOwner: options.portOwner,
    apiError: (err, what) => apiError(err, kube, what),
    checkAccess: (namespace) => checkRelayAccess(kube.kc, namespace, kube.contextName),
  });
}
