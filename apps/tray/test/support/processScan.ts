import { readdirSync, readFileSync } from "node:fs";

export interface ProcessLine {
  pid: string;
  cmdline: string;
}

/**
 * Every process's command line, as any local user can read it in /proc/PID/cmdline (arguments
 * joined by spaces). Processes that end during the scan are skipped.
 */
export function processCommandLines(): ProcessLine[] {
  const lines: ProcessLine[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
      lines.push({ pid, cmdline: raw.replaceAll("\0", " ").trim() });
    } catch {
      // Gone already.
    }
  }
  return lines;
}
