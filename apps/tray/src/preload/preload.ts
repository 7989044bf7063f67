import { contextBridge, ipcRenderer } from "electron";

// Declared, not imported: this file compiles alone into the one CommonJS script a sandboxed
// preload must be. preload.test.ts checks the channel name against main's.
interface DaemonConnection {
  daemonUrl: string;
  token: string;
}
const CONNECTION_CHANNEL = "ferry:connection";

// The renderer's only window on the host: one call that asks main where the daemon is and its
// token. They come over IPC, never through argv or the environment (both readable in /proc).
contextBridge.exposeInMainWorld("ferry", {
  connection: (): Promise<DaemonConnection> => ipcRenderer.invoke(CONNECTION_CHANNEL),
});
