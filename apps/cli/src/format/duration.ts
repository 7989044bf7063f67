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
