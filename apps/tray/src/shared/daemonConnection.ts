import type { DaemonSkew } from "@ferry/store/client";

/**
 * Where the daemon listens and its bearer token: what main hands the renderer over IPC. With
 * them, what connecting found about a daemon of another version (issue 20: an older one handed
 * over, with what came back and the gap; a newer one is used as it is), for the window to say.
 */
export interface DaemonConnection {
  daemonUrl: string;
  token: string;
  skew?: DaemonSkew;
}
