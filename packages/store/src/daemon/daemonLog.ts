import {
  closeSync,
  constants,
  lstatSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { printable } from "../schema/printable.ts";

export interface DaemonLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  readonly path: string;
}

export interface DaemonLogOptions {
  /** Rotate when the file passes this size; default 1 MiB. */
  maxBytes?: number;
  /** Rotated files kept (daemon.log.1 ... .N); default 3. */
  keep?: number;
  /** Exact strings to hide wherever they appear (the daemon's own token). */
  secrets?: () => readonly string[];
  /** Also writes each (redacted) line here: stderr under systemd, whose journal reads it. */
  echo?: { write(line: string): unknown };
}

const SECRET_PATTERNS: RegExp[] = [
  /(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi,
  /(bearer\s+)[A-Za-z0-9._~+/=-]+/gi,
  /([?&]token=)[^\s&"']+/gi,
  /("?(?:token|password|client-key-data|client-certificate-data|id-token|refresh-token|secret)"?\s*[:=]\s*"?)[^\s",}]+/gi,
];

/** Hides tokens, Authorization headers and kubeconfig credentials in a log line. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8) out = out.split(secret).join("[redacted]");
  for (const pattern of SECRET_PATTERNS)
    out = out.replace(pattern, (_m, prefix: string) => `${prefix}[redacted]`);
  return out;
}

/**
 * A message as one log entry: control and bidi characters escaped (a name from a config or a
 * cluster cannot recolour a terminal that shows the log), and each further line of a multi-line
 * message (a stack) indented, so no message can forge a line that looks like an entry.
 */
export function logText(message: string): string {
  return message.split("\n").map(printable).join("\n    ");
}

/** `$FERRY_HOME/daemon.log`: one line per event, rotated by size, secrets redacted before writing. */
export function createDaemonLog(home: string, options: DaemonLogOptions = {}): DaemonLog {
  const path = join(home, "daemon.log");
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = options.keep ?? 3;
  const rotate = () => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let i = keep - 1; i >= 1; i--) {
      try {
        renameSync(`${path}.${i}`, `${path}.${i + 1}`);
      } catch {}
    }
    renameSync(path, `${path}.1`);
  };
  // O_NOFOLLOW: a daemon.log symlink planted in the home must not make us append elsewhere.
  const flag = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;
  const appendOnce = (line: string) => {
    const fd = openSync(path, flag, 0o600);
    try {
      writeSync(fd, line);
    } finally {
      closeSync(fd);
    }
  };
  const append = (line: string) => {
    try {
      appendOnce(line);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ELOOP") throw err;
      unlinkSync(path); // the link, not its target
      appendOnce(line);
    }
  };
  const write = (level: string, message: string) => {
    const line = `${new Date().toISOString()} ${level} [${process.pid}] ${logText(redact(message, options.secrets?.() ?? []))}\n`;
    try {
      if ((lstatSync(path, { throwIfNoEntry: false })?.size ?? 0) + line.length > maxBytes)
        rotate();
      append(line);
      options.echo?.write(line);
    } catch {
      // A log that cannot be written must never take the daemon down.
    }
  };
  return {
    path,
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
  };
}
