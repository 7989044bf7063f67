import { createTRPCClient, createWSClient, httpBatchLink, splitLink, wsLink } from "@trpc/client";
import type { AppRouter } from "../api/root.ts";
import { type DaemonFile, readDaemonFile } from "../daemon/daemonFile.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";

export interface FerryClientOptions {
  /** FERRY_HOME; default `$FERRY_HOME` or `~/.ferry`. */
  home?: string;
  /** Use this daemon.json content instead of reading it (browser renderers get it from main). */
  daemon?: Pick<DaemonFile, "url" | "wsUrl" | "token">;
}

export type FerryClient = ReturnType<typeof createTRPCClient<AppRouter>>;

const closers = new WeakMap<object, () => void>();

/** Closes the client's subscription WebSocket now (it also closes itself 1 s after the last use). */
export function closeFerryClient(client: FerryClient): void {
  closers.get(client)?.();
}

export class DaemonNotRunningError extends Error {
  readonly code = "DAEMON_NOT_RUNNING";
  constructor(home: string) {
    super(`ferryd is not running for ${home} (no daemon.json); \`ferry daemon start\` starts it`);
  }
}

/**
 * A typed tRPC client of the daemon: queries and mutations over HTTP with the bearer token,
 * subscriptions over a WebSocket opened on first use (`?token=` in the URL, as browsers cannot
 * set headers on a WebSocket). Works in Node 22+ (global WebSocket) and in browsers.
 */
export function createFerryClient(options: FerryClientOptions = {}): FerryClient {
  const daemon = options.daemon ?? readDaemonFile(resolveFerryHome(options.home));
  if (!daemon) throw new DaemonNotRunningError(resolveFerryHome(options.home));
  const wsClient = createWSClient({
    url: `${daemon.wsUrl}/?token=${encodeURIComponent(daemon.token)}`,
    lazy: { enabled: true, closeMs: 1_000 },
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({
          url: daemon.url,
          headers: () => ({ authorization: `Bearer ${daemon.token}` }),
        }),
      }),
    ],
  });
  closers.set(client, () => void wsClient.close());
  return client;
}
