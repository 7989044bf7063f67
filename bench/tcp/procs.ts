// Child processes of the benchmark: spawned with a stdin pipe (they exit when it closes), their
// stdout read line by line, their RSS and CPU read from /proc.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

export interface Proc {
  child: ChildProcess;
  /** Resolves with the first stdout line matching `re`. */
  waitFor(re: RegExp, ms?: number): Promise<RegExpExecArray>;
  send(line: string): void;
  stop(): Promise<void>;
}

export function start(cmd: string, args: string[], env: Record<string, string> = {}): Proc {
  const child = spawn(cmd, args, {
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  for (const s of [child.stdout, child.stderr]) {
    createInterface({ input: s! }).on("line", (l) => {
      lines.push(l);
      if (process.env.BENCH_VERBOSE) console.error(`[${cmd.split("/").pop()}] ${l}`);
      for (const w of waiters) w();
    });
  }
  let seen = 0;
  return {
    child,
    waitFor(re, ms = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (; seen < lines.length; seen++) {
            const m = re.exec(lines[seen]!);
            if (m) {
              seen++;
              waiters.delete(check);
              clearTimeout(t);
              resolve(m);
              return;
            }
          }
        };
        const t = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(`${cmd}: no ${re} within ${ms} ms; last: ${lines.slice(-5).join(" | ")}`),
          );
        }, ms);
        waiters.add(check);
        check();
      });
    },
    send(line) {
      child.stdin?.write(`${line}\n`);
    },
    stop() {
      return new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 5000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.stdin?.end();
        if (!cmd.endsWith("node")) child.kill("SIGTERM");
      });
    },
  };
}

/** Resident set size of a process, MiB. */
export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** CPU seconds (user + system) a process has used. */
export function cpuSeconds(pid: number): number {
  const { user, sys } = cpuSplit(pid);
  return user + sys;
}

/** CPU seconds a process has used in user space and in the kernel (its syscalls). */
export function cpuSplit(pid: number): { user: number; sys: number } {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return { user: Number(f[11]) / 100, sys: Number(f[12]) / 100 };
}

/** Read and write syscalls a process has made (/proc/<pid>/io; every thread's, epoll excluded). */
export function syscalls(pid: number): { reads: number; writes: number } {
  const io = readFileSync(`/proc/${pid}/io`, "utf8");
  const n = (k: string) => Number(new RegExp(`${k}: (\\d+)`).exec(io)?.[1] ?? Number.NaN);
  return { reads: n("syscr"), writes: n("syscw") };
}

/** Samples RSS every 100 ms while `work` runs: the peak, MiB. */
export async function peakRss<T>(pid: number | null, work: () => Promise<T>): Promise<[T, number]> {
  let peak = 0;
  const sample = () => {
    if (pid !== null) peak = Math.max(peak, rssMiB(pid));
  };
  const t = setInterval(sample, 100);
  try {
    const r = await work();
    sample();
    return [r, pid === null ? Number.NaN : peak];
  } finally {
    clearInterval(t);
  }
}
