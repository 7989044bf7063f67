import {
  createTRPCUntypedClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  wsLink,
} from "@trpc/client";
import type { DaemonConnection } from "./daemonView.ts";

export type DaemonRpc = ReturnType<typeof createTRPCUntypedClient>;

/**
 * A tRPC client for the daemon, used by both main and the renderer. Untyped on purpose: the
 * paths are named in one adapter (renderer/api/trpcDaemonApi.ts), which keeps the tray free of
 * the daemon's server-side imports (SQLite, kube) when Vite bundles it for the browser.
 * Queries and mutations go over HTTP with the bearer token; subscriptions over WebSocket with
 * the token in the query string (browsers cannot set headers on a WebSocket; the daemon accepts
 * `?token=` and never logs query strings).
 */
export function createDaemonRpc(conn: DaemonConnection): { rpc: DaemonRpc; close: () => void } {
  const base = conn.daemonUrl.replace(/\/$/, "");
  const wsUrl = `${base.replace(/^http/, "ws")}/?token=${encodeURIComponent(conn.token)}`;
  const ws = createWSClient({ url: wsUrl, lazy: { enabled: true, closeMs: 5_000 } });
  const rpc = createTRPCUntypedClient({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: ws }),
        false: httpBatchLink({
          url: base,
          headers: () => ({ authorization: `Bearer ${conn.token}` }),
        }),
      }),
    ],
  });
  return { rpc, close: () => ws.close() };
}
