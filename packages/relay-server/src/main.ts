#!/usr/bin/env node
// ferry-relay: the program inside a Ferry relay pod. Configured by environment; see README.md.
// No top-level await: the bundle is run as a classic script by `node -e`.
import { parseRelayConfig } from "./config.ts";
import { stdoutLog } from "./log.ts";
import { startRelay } from "./relayServer.ts";

// A log reader that goes away (a closed pipe) must not take the relay down with it.
process.stdout.on("error", () => {});

function main(): void {
  const parsed = parseRelayConfig(process.env);
  if (!parsed.ok) {
    stdoutLog("error", parsed.error.message);
    process.exit(2);
  }
  const config = parsed.config;
  startRelay(config, { log: stdoutLog, onIdle: () => process.exit(0) }).then(
    (relay) => {
      const idle =
        config.idleExitMs > 0 ? `exits after ${config.idleExitMs / 1000}s idle` : "no idle exit";
      const udp = config.proxyType === "udp" ? `, ${config.udpFraming} framing` : "";
      stdoutLog(
        "info",
        `relay listening on ${relay.address}:${relay.port} (${config.proxyType} -> ${config.remoteAddress}:${config.remotePort}${udp}, ${idle})`,
      );
      // As PID 1 in a container Node gets no default signal handling: without these handlers a
      // pod deletion would wait the whole grace period before being killed.
      for (const signal of ["SIGTERM", "SIGINT"] as const) {
        process.once(signal, () => {
          stdoutLog("info", `${signal}: closing ${relay.connections()} connection(s) and exiting`);
          void relay.close().then(() => process.exit(0));
        });
      }
    },
    (err: Error) => {
      stdoutLog("error", `cannot listen on ${config.bindHost}:${config.localPort}: ${err.message}`);
      process.exit(1);
    },
  );
}

main();
