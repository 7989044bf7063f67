import type { PlanRow } from "../discovery/planDiscovery.ts";

/** A discovery plan row's target as the Discover screens list it: `shop/web:80`. */
export function planTargetText(r: PlanRow): string {
  const c = r.config;
  return `${c.namespace}/${c.service ?? c.target ?? c.remote_address ?? "?"}:${c.remote_port}`;
}
