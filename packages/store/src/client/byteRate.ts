/**
 * Bytes per second between two readings of a cumulative byte counter, `elapsedMs` apart. A
 * counter that went down (the forward restarted) counts from zero: never a negative rate.
 */
export function byteRate(before: number, after: number, elapsedMs: number): number {
  const seconds = Math.max(elapsedMs / 1000, 0.001);
  return Math.round((after >= before ? after - before : after) / seconds);
}
