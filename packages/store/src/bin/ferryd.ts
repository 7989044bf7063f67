#!/usr/bin/env node
// ferryd: the one Ferry runtime per FERRY_HOME. Started detached by the CLI/TUI/tray when absent.
import { createDaemonLog } from "../daemon/daemonLog.ts";
import { runDaemon } from "../daemon/runDaemon.ts";
import { resolveFerryHome } from "../db/ferryHome.ts";

// Everything this process creates in FERRY_HOME (the engine's proxy_manifest.json, HTTP logs,
// SQLite's side files) is private to the user, whatever umask it was started with.
process.umask(0o077);

let result: Awaited<ReturnType<typeof runDaemon>>;
try {
  result = await runDaemon();
} catch (err) {
  // The starter (ensureDaemon) reads this line from our stderr and shows it as is.
  const e = err as { code?: string; message?: string };
  process.stderr.write(
    `${JSON.stringify({ code: e.code ?? "DAEMON_START_FAILED", message: e.message ?? String(err) })}\n`,
  );
  process.exit(1);
}
if (!result.started) {
  process.stdout.write(`ferryd is already running${result.pid ? ` (pid ${result.pid})` : ""}\n`);
  process.exit(0);
}
const { daemon } = result;
// The starter stops reading our stdout/stderr once we answer; a closed pipe must not kill us.
process.stdout.on("error", () => {});
process.stderr.on("error", () => {});
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
