// One line per event on stdout, which is what `kubectl logs` shows. The relay holds no secrets;
// it logs addresses, ports and counts only, never payloads.

/**
 * `report` lines are read by Ferry's client from the pod log (see resolveRemote.ts for their
 * shape), so they are printed exactly as given, with no timestamp or level in front.
 */
export type LogLevel = "info" | "warn" | "error" | "report";
export type Log = (level: LogLevel, message: string) => void;

export function stdoutLog(level: LogLevel, message: string): void {
  process.stdout.write(
    level === "report" ? `${message}\n` : `${new Date().toISOString()} ${level} ${message}\n`,
  );
}

export const silentLog: Log = () => {};
