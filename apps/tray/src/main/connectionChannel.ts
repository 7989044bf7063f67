import type { DaemonConnection } from "../shared/daemonConnection.ts";

/**
 * The one IPC channel the preload may call: it answers the daemon's URL and token. They never
 * go on a command line (`additionalArguments` lands in the renderer's argv, readable by every
 * local user in /proc/PID/cmdline) nor in an environment; they travel over Electron's IPC pipe.
 */
export const CONNECTION_CHANNEL = "ferry:connection";
/** The preload's other call: a native file chooser (the kubeconfig field); answers a path. */
export const CHOOSE_FILE_CHANNEL = "ferry:choose-file";

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
 * A channel's handler that answers Ferry's own page only, and refuses any other frame (a page
 * the window was somehow navigated to, an iframe).
 */
export function onlyForRenderer<T>(
  what: string,
  answer: () => T,
  trusted: (url: string) => boolean,
): (event: InvokeEvent) => T {
  return (event) => {
    const url = event.senderFrame?.url ?? "";
    if (!trusted(url))
      throw new Error(`Ferry's ${what} is not given to ${url || "an unknown frame"}`);
    return answer();
  };
}

/** The connection channel's handler. */
export const connectionHandler = (
  connection: () => DaemonConnection | Promise<DaemonConnection>,
  trusted: (url: string) => boolean,
) => onlyForRenderer("daemon connection", connection, trusted);
