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

/**
 * The query string's values whose names match the list become `<redacted>`, and so does any
 * userinfo of an absolute URL (`http://user:pass@host/`). The path itself is kept.
 */
export function redactUrl(target: string, matches: NameMatcher | null): string {
  if (!matches) return target;
  let out = target.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, `$1${REDACTED}@`);
  const q = out.indexOf("?");
  if (q < 0) return out;
  const hash = out.indexOf("#", q);
  const query = out.slice(q + 1, hash < 0 ? undefined : hash);
  const redacted = query
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, " "));
      } catch {
        // a malformed escape: match on the raw name
      }
      return eq >= 0 && matches(name) ? `${rawName}=${REDACTED}` : pair;
    })
    .join("&");
  out = `${out.slice(0, q + 1)}${redacted}${hash < 0 ? "" : out.slice(hash)}`;
  return out;
}
