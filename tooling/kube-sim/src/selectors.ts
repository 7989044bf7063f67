// labelSelector and fieldSelector as the API accepts them (=, ==, !=, in, notin, exists, !key).

export type Matcher = (labels: Record<string, string> | undefined) => boolean;

function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of s) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

export function parseLabelSelector(s: string | null | undefined): Matcher {
  if (!s) return () => true;
  const tests = splitTerms(s).map((term): Matcher => {
    let m = /^(\S+?)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (m) {
      const [, k, op, vals] = m as unknown as [string, string, string, string];
      const set = new Set(vals.split(",").map((v) => v.trim()));
      return (l) => (op === "in" ? set.has(l?.[k] ?? "\0") : !set.has(l?.[k] ?? "\0"));
    }
    m = /^(.+?)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (m) {
      const [, k, op, v] = m as unknown as [string, string, string, string];
      return (l) => (op === "!=" ? l?.[k.trim()] !== v.trim() : l?.[k.trim()] === v.trim());
    }
    if (term.startsWith("!")) return (l) => l?.[term.slice(1)] === undefined;
    return (l) => l?.[term] !== undefined;
  });
  return (labels) => tests.every((t) => t(labels));
}

/** Field selectors on metadata.name / metadata.namespace / status.phase / spec.nodeName. */
// biome-ignore lint/suspicious/noExplicitAny: objects are open JSON.
export function parseFieldSelector(s: string | null | undefined): (o: any) => boolean {
  if (!s) return () => true;
  const tests = splitTerms(s).map((term) => {
    const m = /^(.+?)\s*(==|!=|=)\s*(.*)$/.exec(term);
    if (!m) return () => false;
    const [, path, op, v] = m as unknown as [string, string, string, string];
    // biome-ignore lint/suspicious/noExplicitAny: open JSON.
    const get = (o: any) => path.split(".").reduce((x, k) => x?.[k], o);
    // biome-ignore lint/suspicious/noExplicitAny: open JSON.
    return (o: any) => (op === "!=" ? String(get(o) ?? "") !== v : String(get(o) ?? "") === v);
  });
  // biome-ignore lint/suspicious/noExplicitAny: open JSON.
  return (o: any) => tests.every((t) => t(o));
}

export function matchesSelector(
  selector: Record<string, string> | undefined,
  labels: Record<string, string> | undefined,
): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}
