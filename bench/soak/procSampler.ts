// Samples a process from /proc: RSS, CPU (% of one core over the interval), open fds and sockets.
// The pid can change (a daemon restarted after kill -9); a sample of a gone process is skipped.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";

export interface ProcSample {
  t: number;
  pid: number;
  rssMiB: number;
  cpuPercent: number;
  fds: number;
  sockets: number;
}

const TICKS_PER_SECOND = 100; // Linux USER_HZ

export function cpuTicks(pid: number): number {
  // Fields after the command name (which may hold spaces) start at field 3; utime/stime are 14/15.
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(f[11]) + Number(f[12]);
}

export function fdCounts(pid: number): { fds: number; sockets: number } {
  const names = readdirSync(`/proc/${pid}/fd`);
  let sockets = 0;
  for (const n of names) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${n}`).startsWith("socket:")) sockets += 1;
    } catch {}
  }
  return { fds: names.length, sockets };
}

export function startSampler(getPid: () => number, t0: number, everyMs = 2000) {
  const samples: ProcSample[] = [];
  let last: { pid: number; ticks: number; at: number } | null = null;
  const take = () => {
    const pid = getPid();
    try {
      const ticks = cpuTicks(pid);
      const at = performance.now();
      const rss = readFileSync(`/proc/${pid}/status`, "utf8").match(/VmRSS:\s+(\d+) kB/);
      const cpu =
        last && last.pid === pid
          ? ((ticks - last.ticks) / TICKS_PER_SECOND / ((at - last.at) / 1000)) * 100
          : Number.NaN;
      last = { pid, ticks, at };
      samples.push({
        t: (at - t0) / 1000,
        pid,
        rssMiB: rss ? Number(rss[1]) / 1024 : Number.NaN,
        cpuPercent: cpu,
        ...fdCounts(pid),
      });
    } catch {
      last = null;
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}

/** CPU used by `pid` over `ms`, in % of one core. */
export async function cpuOver(pid: number, ms: number): Promise<number> {
  const a = cpuTicks(pid);
  const t = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  return ((cpuTicks(pid) - a) / TICKS_PER_SECOND / ((performance.now() - t) / 1000)) * 100;
}
