import { contextBridge, ipcRenderer } from "electron";

// Declared, not imported: this file compiles alone into the one CommonJS script a sandboxed
// preload must be. preload.test.ts checks the channel name against main's.
interface DaemonConnection {
  daemonUrl: string;
  token: string;
  /** A daemon of another version found on connecting (passed through as main answers it). */
  skew?: unknown;
}
const CONNECTION_CHANNEL = "ferry:connection";
const CHOOSE_FILE_CHANNEL = "ferry:choose-file";

// The renderer's only window on the host: where the daemon is and its token (over IPC, never
// through argv or the environment, both readable in /proc), and a native file chooser.
contextBridge.exposeInMainWorld("ferry", {
  connection: (): Promise<DaemonConnection> => ipcRenderer.invoke(CONNECTION_CHANNEL),
  chooseFile: (): Promise<string | null> => ipcRenderer.invoke(CHOOSE_FILE_CHANNEL),
});
