import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from "@trpc/client";
import type { AppRouter } from "../api/root.ts";

export interface FerryClientOptions {
  /** The daemon's HTTP base URL, `http://127.0.0.1:<port>` (daemon.json's `url`). */
  url: string;
  /** The daemon's bearer token (daemon.json's `token`). */
  token: string;
  /** WebSocket URL for subscriptions; default `url` with `ws:` for `http:`. */
  wsUrl?: string;
}

export type FerryClient = ReturnType<typeof createTRPCClient<AppRouter>>;

const closers = new WeakMap<object, () => void>();

/** Closes the client's subscription WebSocket now (it also closes itself 1 s after the last use). */
export function closeFerryClient(client: FerryClient): void {
  closers.get(client)?.();
}

/**
 * A typed tRPC client of the daemon: queries and mutations over HTTP with the bearer token,
 * subscriptions over a WebSocket opened on first use (`?token=` in the URL, as browsers cannot
 * set headers on a WebSocket). Browser-safe: the same code runs in the tray's renderer and in
 * Node 22+ (global fetch and WebSocket).
 */
export function createFerryClient(options: FerryClientOptions): FerryClient {
  const url = options.url.replace(/\/+$/, "");
  const wsUrl = (options.wsUrl ?? url.replace(/^http/, "ws")).replace(/\/+$/, "");
  const wsClient = createWSClient({
    url: `${wsUrl}/?token=${encodeURIComponent(options.token)}`,
    lazy: { enabled: true, closeMs: 1_000 },
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({
          url,
          headers: () => ({ authorization: `Bearer ${options.token}` }),
        }),
      }),
    ],
  });
  closers.set(client, () => void wsClient.close());
  return client;
}
