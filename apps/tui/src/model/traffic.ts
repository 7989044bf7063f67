import type { ForwardStatus } from "../api/daemonApi.ts";

/** Bytes per second (in + out) of one forward, one sample per poll, the last minute kept. */
export interface TrafficHistory {
  last: { at: number; bytes: number } | null;
  rates: number[];
}

export const HISTORY_LENGTH = 60;
const BARS = "▁▂▃▄▅▆▇█";

export function emptyHistory(): TrafficHistory {
  return { last: null, rates: [] };
}

/** Adds a reading of the cumulative counters; a counter that went down (restart) counts from 0. */
export function addReading(h: TrafficHistory, s: ForwardStatus, at: number): TrafficHistory {
  const bytes = (s.bytesIn ?? 0) + (s.bytesOut ?? 0);
  if (h.last === null) return { last: { at, bytes }, rates: h.rates };
  const dt = Math.max((at - h.last.at) / 1000, 0.001);
  const delta = bytes >= h.last.bytes ? bytes - h.last.bytes : bytes;
  const rates = [...h.rates, Math.round(delta / dt)].slice(-HISTORY_LENGTH);
  return { last: { at, bytes }, rates };
}

/** A sparkline `width` cells wide of the most recent rates, scaled to the largest one. */
export function sparkline(rates: readonly number[], width: number): string {
  const recent = rates.slice(-width);
  const max = Math.max(0, ...recent);
  const cells = recent.map((r) =>
    max === 0
      ? BARS[0]
      : BARS[Math.min(BARS.length - 1, Math.floor((r / max) * (BARS.length - 1)))],
  );
  return cells.join("").padStart(width, BARS[0]);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i += 1;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatRate(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}
