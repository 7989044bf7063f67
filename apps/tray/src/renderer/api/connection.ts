import { createFerryClient, type DaemonSkew, type FerryClient } from "@ferry/store/client";
import type { DaemonConnection } from "../../shared/daemonConnection.ts";

declare global {
  interface Window {
    /** Set by the Electron preload (asks main over IPC); absent in a plain browser. */
    ferry?: {
      connection: () => Promise<DaemonConnection>;
      /** A native file chooser; resolves to the chosen path, or null when cancelled. */
      chooseFile?: () => Promise<string | null>;
    };
  }
}

/**
 * Where the daemon is, in order:
 * 1. `window.ferry.connection()`, set by the Electron preload, answered by main over IPC;
 * 2. the page's fragment, `#daemon=<url>&token=<token>` (never sent to any server, so it stays
 *    out of access logs), for the renderer opened in a plain browser.
 * The token is only ever put in request headers; it is never logged or rendered.
 */
export async function resolveConnection(): Promise<DaemonConnection | null> {
  if (window.ferry) return window.ferry.connection();
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const daemonUrl = hash.get("daemon");
  const token = hash.get("token");
  if (daemonUrl && token) return { daemonUrl, token };
  return null;
}

/** A client of the daemon, and what connecting found about a daemon of another version. */
export interface Connected {
  client: FerryClient;
  skew?: DaemonSkew;
}

/** The window's daemon: one fixed (the fake daemon's tests), or a connect called after each loss. */
export type DaemonSource = Connected | (() => Promise<Connected>);

/**
 * The window's connect: the first call takes `first` (what main answered at start); each later
 * one, made after the daemon was lost, asks main again, which answers the daemon that answers now
 * (started again if need be). In a plain browser the fragment names only the first daemon.
 */
export function connectThroughMain(first: DaemonConnection): () => Promise<Connected> {
  let next: DaemonConnection | null = first;
  return async () => {
    const conn = next ?? (await resolveConnection());
    next = null;
    if (!conn) throw new Error("no daemon to talk to: open this window from the tray app");
    const client = createFerryClient({ url: conn.daemonUrl, token: conn.token });
    return { client, ...(conn.skew ? { skew: conn.skew } : {}) };
  };
}
