import { byteRate } from "@ferry/store/client";

/** Bytes per second (in + out) of one forward, one sample per traffic update, the last minute. */
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
export function addReading(
  h: TrafficHistory,
  s: { bytesIn: number; bytesOut: number },
  at: number,
): TrafficHistory {
  const bytes = s.bytesIn + s.bytesOut;
  if (h.last === null) return { last: { at, bytes }, rates: h.rates };
  const rates = [...h.rates, byteRate(h.last.bytes, bytes, at - h.last.at)].slice(-HISTORY_LENGTH);
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
