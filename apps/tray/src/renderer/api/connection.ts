import type { DaemonConnection } from "../../shared/daemonView.ts";

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    ferry?: DaemonConnection;
  }
}

/**
 * Where the daemon is, in order:
 * 1. `window.ferry`, set by the Electron preload;
 * 2. the page's fragment, `#daemon=<url>&token=<token>` (never sent to any server, so it stays
 *    out of access logs);
 * 3. `./ferry-connection.json` next to the page, served by whatever serves the renderer (the
 *    e2e test's static server does this).
 * The token is only ever put in request headers; it is never logged or rendered.
 */
export async function resolveConnection(): Promise<DaemonConnection | null> {
  if (window.ferry?.daemonUrl) return window.ferry;
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ""));
  const daemonUrl = hash.get("daemon");
  const token = hash.get("token");
  if (daemonUrl && token) return { daemonUrl, token };
  try {
    const res = await fetch("./ferry-connection.json", { cache: "no-store" });
    if (res.ok) {
      const body = (await res.json()) as Partial<DaemonConnection>;
      if (body.daemonUrl && body.token) return { daemonUrl: body.daemonUrl, token: body.token };
    }
  } catch {
    // No endpoint: the caller shows how to connect.
  }
  return null;
}
