import { contextBridge } from "electron";

// Declared, not imported: this file compiles alone into the one CommonJS script a sandboxed
// preload must be.
interface DaemonConnection {
  daemonUrl: string;
  token: string;
}

// The renderer's only window on the host: where the daemon is and its token, nothing else.
// Main passes them through `additionalArguments` (readable from a sandboxed preload), so no
// IPC channel is left open for the page to call.
const PREFIX = "--ferry-connection=";
const arg = process.argv.find((a) => a.startsWith(PREFIX));
const connection: DaemonConnection = arg
  ? JSON.parse(decodeURIComponent(arg.slice(PREFIX.length)))
  : { daemonUrl: "", token: "" };

contextBridge.exposeInMainWorld("ferry", {
  daemonUrl: connection.daemonUrl,
  token: connection.token,
} satisfies DaemonConnection);
