// Query parameters read as the API server reads them.

/**
 * A boolean query parameter (`watch`, `follow`, `previous`, `timestamps`, ...): the API server's
 * conversion takes anything but absent, `0` or `false` (any case) as true, so `watch=True` (the
 * Python client) and a bare `watch=` both start a watch.
 */
export function queryBool(q: URLSearchParams, name: string): boolean {
  const v = q.get(name);
  if (v === null) return false;
  return v !== "0" && v.toLowerCase() !== "false";
}

/** A non-negative integer parameter, or undefined when absent or not one. */
export function queryInt(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}
