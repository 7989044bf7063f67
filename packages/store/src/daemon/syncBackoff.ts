/** The longest wait between tries of a failing source (or its interval, when that is longer). */
export const MAX_BACKOFF_MS = 3_600_000;

/**
 * Milliseconds until a source's next interval sync: its interval, doubled for each failure in a
 * row (a broken server or token is not hammered), at most an hour (or the interval if longer).
 */
export function nextDelayMs(intervalSeconds: number, failures: number): number {
  const interval = intervalSeconds * 1000;
  if (failures === 0) return interval;
  return Math.min(interval * 2 ** Math.min(failures, 20), Math.max(interval, MAX_BACKOFF_MS));
}
