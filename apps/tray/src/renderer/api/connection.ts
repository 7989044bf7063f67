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
