import {
  createTRPCClient,
  createWSClient,
  httpBatchLink,
  splitLink,
  TRPCClientError,
  type TRPCLink,
  wsLink,
} from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { AppRouter } from "../api/root.ts";
import { verifyDaemon } from "./verifyDaemon.ts";

export interface FerryClientOptions {
  /** The daemon's HTTP base URL, `http://127.0.0.1:<port>` (daemon.json's `url`). */
  url: string;
  /** The daemon's bearer token (daemon.json's `token`). */
  token: string;
  /** WebSocket URL for subscriptions; default `url` with `ws:` for `http:`. */
  wsUrl?: string;
  /**
   * The fetch for queries, mutations and the identity check (default: the global one).
   * @ferry/store/node passes `loopbackFetch` (node:http), so Node never compiles its undici.
   */
  fetch?: typeof fetch;
}

export type FerryClient = ReturnType<typeof createTRPCClient<AppRouter>>;

const closers = new WeakMap<object, () => void>();
const verifiers = new WeakMap<object, () => Promise<void>>();

/** Closes the client's subscription WebSocket now (it also closes itself 1 s after the last use). */
export function closeFerryClient(client: FerryClient): void {
  closers.get(client)?.();
}

/**
 * Runs the client's identity check of the daemon now (or joins the one under way): the same
 * check its calls wait for, so a caller that needs to know the daemon answers (connectDaemon)
 * spends no round trip of its own and the first call needs no second one.
 */
export function verifyFerryClient(client: FerryClient): Promise<void> {
  const verify = verifiers.get(client);
  if (!verify) return Promise.reject(new TypeError("not a client made by createFerryClient"));
  return verify();
}

/**
 * The global WebSocket, looked up only when a socket opens: in Node, reading `globalThis.WebSocket`
 * compiles undici (about 13 ms), which a command with no subscription (`ferry status`) never needs.
 */
function LazyWebSocket(url: string | URL, protocols?: string | string[]): WebSocket {
  return new globalThis.WebSocket(url, protocols);
}
Object.assign(LazyWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });

/** Holds every call until `verified()` resolves; fails them with its error otherwise. */
function gateLink(verified: () => Promise<void>): TRPCLink<AppRouter> {
  return () =>
    ({ next, op }) =>
      observable((observer) => {
        let inner: { unsubscribe(): void } | null = null;
        let stopped = false;
        verified().then(
          () => {
            if (!stopped) inner = next(op).subscribe(observer);
          },
          (err: unknown) => observer.error(TRPCClientError.from(err as Error)),
        );
        return () => {
          stopped = true;
          inner?.unsubscribe();
        };
      });
}

/**
 * A typed tRPC client of the daemon: queries and mutations over HTTP with the bearer token,
 * subscriptions over a WebSocket opened on first use (`?token=` in the URL, as browsers cannot
 * set headers on a WebSocket). Before the first call it checks that the server holds the token
 * (`verifyDaemon`), so a stale or planted daemon.json never gets the token or a request body.
 * Browser-safe: the same code runs in the tray's renderer and in Node 22+.
 */
export function createFerryClient(options: FerryClientOptions): FerryClient {
  const url = options.url.replace(/\/+$/, "");
  const wsUrl = (options.wsUrl ?? url.replace(/^http/, "ws")).replace(/\/+$/, "");
  let verification: Promise<void> | null = null;
  const verified = () => {
    verification ??= verifyDaemon(url, options.token, options.fetch).catch((err: unknown) => {
      verification = null; // a daemon that was only starting may answer next time
      throw err;
    });
    return verification;
  };
  const wsClient = createWSClient({
    url: async () => {
      await verified();
      return `${wsUrl}/?token=${encodeURIComponent(options.token)}`;
    },
    lazy: { enabled: true, closeMs: 1_000 },
    WebSocket: LazyWebSocket as unknown as typeof WebSocket,
  });
  const client = createTRPCClient<AppRouter>({
    links: [
      gateLink(verified),
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({
          url,
          fetch: options.fetch,
          headers: () => ({ authorization: `Bearer ${options.token}` }),
        }),
      }),
    ],
  });
  closers.set(client, () => void wsClient.close());
  verifiers.set(client, verified);
  return client;
}
