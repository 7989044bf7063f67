/** The version of this Ferry: what ferryd writes into daemon.json and what clients expect there. */
export const FERRY_VERSION = "0.1.0";

/**
 * The version this process runs as. FERRY_VERSION_OVERRIDE stands in for an upgrade in tests
 * (issue 20: a client of another version than the running daemon); a ferryd started by a client
 * inherits it, as an upgraded binary would bring its own version.
 */
export function ferryVersion(env: NodeJS.ProcessEnv = process.env): string {
  return env.FERRY_VERSION_OVERRIDE?.trim() || FERRY_VERSION;
}

/** -1, 0 or 1 as `a` is older, the same or newer than `b` (dotted numbers; the rest compared as text). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.+-]/);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const [x, y] = [pa[i] ?? "0", pb[i] ?? "0"];
    const [nx, ny] = [Number(x), Number(y)];
    const diff = Number.isInteger(nx) && Number.isInteger(ny) ? nx - ny : x.localeCompare(y);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}
