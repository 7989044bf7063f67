#!/usr/bin/env node
// ferryd: the one Ferry runtime per FERRY_HOME. Started detached by the CLI/TUI/tray when absent.
import { createDaemonLog } from "../daemon/daemonLog.ts";
import { runDaemon } from "../daemon/runDaemon.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";

const result = await runDaemon();
if (!result.started) {
  process.stdout.write(`ferryd is already running${result.pid ? ` (pid ${result.pid})` : ""}\n`);
  process.exit(0);
}
const { daemon } = result;
const log = createDaemonLog(resolveFerryHome());
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) {
  process.on(signal, () => void daemon.shutdown(signal));
}
process.on("uncaughtException", (err) => {
  log.error(`uncaught: ${err.stack ?? err}`);
});
process.on("unhandledRejection", (err) => {
  log.error(`unhandled rejection: ${(err as Error)?.stack ?? err}`);
});
await daemon.closed;
process.exit(0);
