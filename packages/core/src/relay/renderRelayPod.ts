import { randomBytes } from "node:crypto";
import type { V1Pod } from "@kubernetes/client-node";
import {
  fillPlaceholders,
  type ProxyManifest,
  parsePodManifest,
  RELAY_CONTAINER,
} from "./proxyManifest.ts";
import { relayLabels } from "./relayLabels.ts";

/** The port the relay listens on inside its pod (unprivileged, so the image runs as non-root). */
export const RELAY_POD_PORT = 18087;

export interface RelayTarget {
  configId: number;
  namespace: string;
  remoteAddress: string;
  remotePort: number;
  protocol: "tcp" | "udp";
}

/** A fresh name per pod: a recreated relay must not collide with its predecessor still terminating. */
export function relayPodName(configId: number): string {
  return `ferry-relay-${configId}-${randomBytes(4).toString("hex")}`;
}

/**
 * The pod to create: the user's template with placeholders filled, then Ferry's labels, name and
 * namespace forced on top, so an edited template can never escape the orphan sweep.
 */
export function renderRelayPod(
  manifest: ProxyManifest,
  target: RelayTarget,
  owner: string,
  /** Replaces the relay container's image (FERRY_RELAY_IMAGE, the image setting): a mirror. */
  image?: string,
): V1Pod {
  const name = relayPodName(target.configId);
  const text = fillPlaceholders(manifest.text, {
    hashed_name: name,
    config_id: target.configId,
    local_port: RELAY_POD_PORT,
    remote_port: target.remotePort,
    remote_address: target.remoteAddress,
    protocol: target.protocol,
  });
  const pod = parsePodManifest(text, manifest.file);
  pod.metadata.name = name;
  pod.metadata.namespace = target.namespace;
  pod.metadata.labels = { ...pod.metadata.labels, ...relayLabels(owner, target.configId) };
  if (image) {
    const c = pod.spec.containers.find((x) => x.name === RELAY_CONTAINER) ?? pod.spec.containers[0];
    if (c) c.image = image;
  }
  return pod as unknown as V1Pod;
}
