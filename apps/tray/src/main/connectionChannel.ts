import type { DaemonConnection } from "../shared/daemonConnection.ts";

/**
 * The one IPC channel the preload may call: it answers the daemon's URL and token. They never
 * go on a command line (`additionalArguments` lands in the renderer's argv, readable by every
 * local user in /proc/PID/cmdline) nor in an environment; they travel over Electron's IPC pipe.
 */
export const CONNECTION_CHANNEL = "ferry:connection";

/** The part of Electron's `IpcMainInvokeEvent` the handler reads. */
export interface InvokeEvent {
  senderFrame: { url: string } | null;
}

/** The renderer's own pages: the built file (any fragment) or the dev server's origin. */
export function isRendererPage(url: string, rendererFileUrl: string, devUrl?: string): boolean {
  const page = url.split("#")[0];
  if (page === rendererFileUrl) return true;
  if (!devUrl) return false;
  try {
    return new URL(url).origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The channel's handler: the connection for Ferry's own page, a refusal for any other frame
 * (a page the window was somehow navigated to, an iframe).
 */
export function connectionHandler(
  connection: () => DaemonConnection,
  trusted: (url: string) => boolean,
): (event: InvokeEvent) => DaemonConnection {
  return (event) => {
    const url = event.senderFrame?.url ?? "";
    if (!trusted(url))
      throw new Error(`Ferry's daemon connection is not given to ${url || "an unknown frame"}`);
    return connection();
  };
}
