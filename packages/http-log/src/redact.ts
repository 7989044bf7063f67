export const REDACTED = "<redacted>";

/** Names compare case-insensitively and ignoring `-`, `_` and `.`, so `*api-key*` also catches `X_API_KEY` and `apikey`. */
function squash(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, "");
}

export type NameMatcher = (name: string) => boolean;

/** One matcher for a redaction list of exact names and `*` globs. */
export function nameMatcher(patterns: readonly string[]): NameMatcher {
  const exact = new Set<string>();
  const globs: RegExp[] = [];
  for (const p of patterns) {
    const s = squash(p);
    if (!s.includes("*")) exact.add(s);
    else
      globs.push(
        new RegExp(
          `^${s
            .split("*")
            .map((part) => part.replace(/[\\^$+?.()|[\]{}]/g, "\\$&"))
            .join(".*")}$`,
        ),
      );
  }
  return (name) => {
    const s = squash(name);
    return exact.has(s) || globs.some((g) => g.test(s));
  };
}

export function redactHeaders(
  headers: readonly [string, string][],
  matches: NameMatcher | null,
): [string, string][] {
  if (!matches) return headers.map(([k, v]) => [k, v]);
  return headers.map(([k, v]) => [k, matches(k) ? REDACTED : v]);
}

/** `a=1&token=x` with the values of matching names redacted, and how many were. */
export function redactPairs(text: string, matches: NameMatcher): { text: string; count: number } {
  let count = 0;
  const out = text
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      if (eq < 0) return pair;
      const rawName = pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // a malformed escape: match on the raw name
      }
      if (!matches(name)) return pair;
      count++;
      return `${rawName}=${REDACTED}`;
    })
    .join("&");
  return { text: out, count };
}

/** Replaces, in place, the values of matching keys anywhere in parsed JSON; returns how many. */
export function redactJson(value: unknown, matches: NameMatcher): number {
  if (value === null || typeof value !== "object") return 0;
  let count = 0;
  if (Array.isArray(value)) {
    for (const v of value) count += redactJson(v, matches);
    return count;
  }
  const o = value as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (matches(k)) {
      o[k] = REDACTED;
      count++;
    } else count += redactJson(o[k], matches);
  }
  return count;
}

/**
 * The query string's values whose names match the list become `<redacted>`, and so does any
 * userinfo of an absolute URL (`http://user:pass@host/`). The path itself is kept.
 */
export function redactUrl(target: string, matches: NameMatcher | null): string {
  if (!matches) return target;
  const out = target.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, `$1${REDACTED}@`);
  const q = out.indexOf("?");
  if (q < 0) return out;
  const hash = out.indexOf("#", q);
  const query = redactPairs(out.slice(q + 1, hash < 0 ? undefined : hash), matches).text;
  return `${out.slice(0, q + 1)}${query}${hash < 0 ? "" : out.slice(hash)}`;
}
