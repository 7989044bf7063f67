import { CliError, EXIT } from "../cliError.ts";

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * "90s", "10m", "2h", "1d" or a bare number of seconds, to milliseconds. `flag` names the option
 * in the usage error.
 */
export function parseDuration(text: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(text.trim());
  if (!m || Number(m[1]) <= 0)
    throw new CliError(`${flag} takes a duration such as 30s, 10m, 2h or 1d, got "${text}"`, {
      exitCode: EXIT.usage,
    });
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] || "s"] as number));
}

/** A past or future instant relative to `now`: "12s ago", "in 4m", "never". */
export function relativeTime(at: number | null, now = Date.now()): string {
  if (at === null) return "never";
  const d = Math.round((at - now) / 1000);
  const abs = Math.abs(d);
  const text =
    abs < 60
      ? `${abs}s`
      : abs < 3600
        ? `${Math.floor(abs / 60)}m`
        : abs < 86_400
          ? `${Math.floor(abs / 3600)}h`
          : `${Math.floor(abs / 86_400)}d`;
  return d < 0 ? `${text} ago` : d === 0 ? "now" : `in ${text}`;
}
