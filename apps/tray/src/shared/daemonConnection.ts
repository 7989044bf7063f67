/** Where the daemon listens and its bearer token: what main hands the renderer over IPC. */
export interface DaemonConnection {
  daemonUrl: string;
  token: string;
}
