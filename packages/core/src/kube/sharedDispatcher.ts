// client-node 2.0.1 builds a new undici Agent for every API request (applySecurityAuthentication
// -> createDispatcher), so each request pays a TLS handshake and a fresh SecureContext: about half
// of an idle ferryd's CPU with 16 relay forwards polling their pods (bench, issue 16). One agent
// per (cluster, client certificate) keeps connections alive between requests instead.

import { createHash } from "node:crypto";
import type { KubeConfig } from "@kubernetes/client-node";

type CreateDispatcher = (
  cluster: { server?: string } | null,
  options: Record<string, unknown>,
) => unknown;

const part = (v: unknown): string =>
  v === undefined || v === null ? "" : createHash("sha256").update(String(v)).digest("hex");

/** Makes `kc` reuse one dispatcher per cluster and client certificate (exec plugins may rotate it). */
export function shareDispatchers(kc: KubeConfig): void {
  const k = kc as unknown as { createDispatcher?: CreateDispatcher };
  const original = k.createDispatcher?.bind(kc);
  if (!original) return;
  const made = new Map<string, unknown>();
  k.createDispatcher = (cluster, options) => {
    const key = [
      cluster?.server ?? "",
      part(options?.cert),
      part(options?.key),
      part(options?.pfx),
    ].join("|");
    let d = made.get(key);
    if (d === undefined) {
      d = original(cluster, options);
      made.set(key, d);
    }
    return d;
  };
}
