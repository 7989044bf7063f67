const UNITS: [seconds: number, suffix: string][] = [
  [86_400, "d"],
  [3_600, "h"],
  [60, "m"],
];

/**
 * An instant relative to `now`, in the largest whole unit: "12s ago", "3m ago", "2h ago",
 * "1d ago", "in 4m", "now"; "never" for no instant. Whole units round down, so "1h ago" means
 * at least an hour. Shared by the CLI's tables and the TUI's header so both say the same.
 */
export function relativeTime(at: number | null | undefined, now = Date.now()): string {
  if (at === null || at === undefined) return "never";
  const d = Math.round((at - now) / 1000);
  if (d === 0) return "now";
  const abs = Math.abs(d);
  const unit = UNITS.find(([size]) => abs >= size);
  const text = unit ? `${Math.floor(abs / unit[0])}${unit[1]}` : `${abs}s`;
  return d < 0 ? `${text} ago` : `in ${text}`;
}
