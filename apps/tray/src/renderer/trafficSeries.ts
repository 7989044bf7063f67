import { byteRate, type ForwardUpdate } from "@ferry/store/client";

export interface TrafficPoint {
  /** Seconds since the details view opened. */
  t: number;
  /** Bytes per second in each direction since the previous sample. */
  inRate: number;
  outRate: number;
  connections: number;
}

export interface TrafficTotals {
  at: number;
  bytesIn: number;
  bytesOut: number;
  connections: number;
}

/** Counters of one forward from a pushed update (cumulative since the forward started). */
export function totalsFrom(u: ForwardUpdate): TrafficTotals {
  return {
    at: u.at,
    bytesIn: u.row.bytesIn,
    bytesOut: u.row.bytesOut,
    connections: u.row.connections,
  };
}

/** Appends a sample: the rate between two cumulative readings, keeping the last `max` points. */
export function addSample(
  series: readonly TrafficPoint[],
  prev: TrafficTotals | null,
  next: TrafficTotals,
  startedAt: number,
  max = 60,
): TrafficPoint[] {
  const ms = prev ? next.at - prev.at : 0;
  const point: TrafficPoint = {
    t: Math.round((next.at - startedAt) / 100) / 10,
    inRate: prev ? byteRate(prev.bytesIn, next.bytesIn, ms) : 0,
    outRate: prev ? byteRate(prev.bytesOut, next.bytesOut, ms) : 0,
    connections: next.connections,
  };
  return [...series, point].slice(-max);
}
