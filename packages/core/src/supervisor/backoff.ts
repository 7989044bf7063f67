/** Exponential backoff with ±30 % jitter, so many forwards do not retry in step. */
export function nextBackoff(previousMs: number, minMs = 250, maxMs = 10_000): number {
  return Math.min(maxMs, Math.max(minMs, previousMs * 2));
}

export function withJitter(ms: number, random: () => number = Math.random): number {
  return Math.round(ms * (0.7 + 0.6 * random()));
}
