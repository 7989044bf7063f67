import { createHash } from "node:crypto";
import { hostname, userInfo } from "node:os";

export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const MANAGED_BY_VALUE = "ferry";
export const CONFIG_ID_LABEL = "ferry.dev/config-id";
export const OWNER_LABEL = "ferry.dev/owner";
export const COMPONENT_LABEL = "app.kubernetes.io/component";
export const COMPONENT_VALUE = "relay";

/**
 * A label value unique to this user on this machine, so a sweep only deletes pods this Ferry
 * made: two developers sharing a namespace never delete each other's relays.
 */
export function relayOwnerId(user: string = safeUser(), host: string = hostname()): string {
  return createHash("sha256").update(`${user}@${host}`).digest("hex").slice(0, 16);
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? "unknown";
  }
}

/** Selects every relay pod of one owner. */
export function ownerSelector(owner: string): string {
  return `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${COMPONENT_LABEL}=${COMPONENT_VALUE},${OWNER_LABEL}=${owner}`;
}

export function relayLabels(owner: string, configId: number): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [COMPONENT_LABEL]: COMPONENT_VALUE,
    [OWNER_LABEL]: owner,
    [CONFIG_ID_LABEL]: String(configId),
  };
}
