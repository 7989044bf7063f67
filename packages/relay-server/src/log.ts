// One line per event on stdout, which is what `kubectl logs` shows. The relay holds no secrets;
// it logs addresses, ports and counts only, never payloads.

export type LogLevel = "info" | "warn" | "error";
export type Log = (level: LogLevel, message: string) => void;

export function stdoutLog(level: LogLevel, message: string): void {
  process.stdout.write(`${new Date().toISOString()} ${level} ${message}\n`);
}

export const silentLog: Log = () => {};
