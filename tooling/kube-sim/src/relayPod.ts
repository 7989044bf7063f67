// A relay pod's container: the real packages/relay-server program as a child process.
import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const RELAY_MAIN = join(
  dirname(fileURLToPath(import.meta.url)),
  "../../../packages/relay-server/src/main.ts",
);

export type RelayProcess = {
  child: ChildProcess;
  /** Resolves with the port the relay listens on, or rejects when it exits first. */
  listening: Promise<number>;
  logs(): string;
  kill(): void;
};

const LOG_LIMIT = 256 * 1024;

export function spawnRelay(
  env: Record<string, string>,
  onExit: (code: number | null, signal: string | null) => void,
): RelayProcess {
  const child = spawn(process.execPath, [RELAY_MAIN], {
    env: { ...env, LOCAL_PORT: "0", BIND_HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  let resolvePort: (p: number) => void = () => {};
  let rejectPort: (e: Error) => void = () => {};
  const listening = new Promise<number>((res, rej) => {
    resolvePort = res;
    rejectPort = rej;
  });
  listening.catch(() => {});
  const onData = (d: Buffer) => {
    log += d.toString();
    if (log.length > LOG_LIMIT) log = log.slice(log.length - LOG_LIMIT);
    const m = /relay listening on [^\s]*:(\d+)/.exec(log);
    if (m) resolvePort(Number(m[1]));
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  child.on("exit", (code, signal) => {
    rejectPort(new Error(`relay exited (${code ?? signal}) before listening: ${log.trim()}`));
    onExit(code, signal);
  });
  return {
    child,
    listening,
    logs: () => log,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
  };
}
