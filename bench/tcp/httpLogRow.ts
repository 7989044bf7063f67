// Issue 17's row: the HTTP forward with logging off and on (toggled live on the same forward,
// alternating off/on/off/on), a 1 GiB download each time with Ferry's CPU per GiB and peak RSS,
// and 1 KiB JSON request/response round trips on one keep-alive connection.
import { httpBulk, httpEcho } from "./httpLoad.ts";
import { percentile } from "./load.ts";
import { cpuSeconds, type Proc, peakRss } from "./procs.ts";

export interface HttpLogRowOptions {
  ferry: Proc;
  port: number;
  bytes: number;
  echoes: number;
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "—");
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Markdown lines for RESULTS.md. */
export async function httpLogRow(o: HttpLogRowOptions): Promise<string[]> {
  const pid = o.ferry.child.pid as number;
  const set = async (on: boolean) => {
    o.ferry.send(`httplog ${on ? "on" : "off"}`);
    const m = await o.ferry.waitFor(/^httplog (.*)$/, 30_000);
    return JSON.parse(m[1] as string) as unknown;
  };
  const runs: Record<
    "off" | "on",
    { mibs: number[]; cpu: number[]; rss: number[]; echo: number[][] }
  > = {
    off: { mibs: [], cpu: [], rss: [], echo: [] },
    on: { mibs: [], cpu: [], rss: [], echo: [] },
  };
  let last: unknown = null;
  for (const state of ["off", "on", "off", "on"] as const) {
    last = await set(state === "on");
    const cpu0 = cpuSeconds(pid);
    const [mibs, peak] = await peakRss(pid, () => httpBulk(o.port, o.bytes));
    const r = runs[state];
    r.mibs.push(mibs);
    r.cpu.push((cpuSeconds(pid) - cpu0) / (o.bytes / 2 ** 30));
    r.rss.push(peak);
    r.echo.push(await httpEcho(o.port, o.echoes));
    console.error(`http log ${state}: ${fmt(mibs)} MiB/s, peak RSS ${fmt(peak)} MiB`);
  }
  await set(false);
  const p = (xs: number[][], q: number) => percentile(xs.flat(), q);
  const off = runs.off;
  const on = runs.on;
  return [
    `| row (same forward, logging toggled live; off/on/off/on) | logging off | logging on | on/off |`,
    "|---|---|---|---|",
    `| HTTP download MiB/s (${o.bytes / 2 ** 20} MiB each) | ${off.mibs.map((x) => fmt(x)).join(", ")} | ${on.mibs.map((x) => fmt(x)).join(", ")} | **${fmt(mean(on.mibs) / mean(off.mibs), 2)}×** |`,
    `| Ferry CPU s per GiB | ${off.cpu.map((x) => fmt(x, 2)).join(", ")} | ${on.cpu.map((x) => fmt(x, 2)).join(", ")} | ${fmt(mean(on.cpu) / mean(off.cpu), 2)}× |`,
    `| Ferry peak RSS during the download, MiB | ${off.rss.map((x) => fmt(x)).join(", ")} | ${on.rss.map((x) => fmt(x)).join(", ")} | — |`,
    `| 1 KiB JSON POST round trip p50 / p99 ms (${o.echoes} × 2) | ${fmt(p(off.echo, 50), 3)} / ${fmt(p(off.echo, 99), 3)} | ${fmt(p(on.echo, 50), 3)} / ${fmt(p(on.echo, 99), 3)} | ${fmt(p(on.echo, 50) / p(off.echo, 50), 2)}× (p50) |`,
    "",
    `The forward's httpLog after the last "on" pass: \`${JSON.stringify(last)}\``,
  ];
}
