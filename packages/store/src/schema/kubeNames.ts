// Kubernetes' own name rules, checked at import so a bad name fails there and not at start.

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** A DNS-1123 label: namespaces, service names. */
export function isDnsLabel(text: string): boolean {
  return text.length <= 63 && DNS_LABEL.test(text);
}

/** A DNS-1123 subdomain (dots between labels), at most 253 characters. */
export function isDnsSubdomain(text: string): boolean {
  return text.length <= 253 && DNS_SUBDOMAIN.test(text);
}

function isLabelKey(key: string): boolean {
  const slash = key.indexOf("/");
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0 && !isDnsSubdomain(key.slice(0, slash))) return false;
  return name.length <= 63 && LABEL_NAME.test(name);
}

const isLabelValue = (v: string) => v === "" || (v.length <= 63 && LABEL_NAME.test(v));

/**
 * Why a label selector (`app=auth,tier in (a,b),!canary`) is not valid, or null when it is. The
 * grammar is the API server's: `key`, `!key`, `key=v`, `key==v`, `key!=v`, `key in (v,...)`,
 * `key notin (v,...)`, joined by commas.
 */
export function labelSelectorProblem(selector: string): string | null {
  // Commas inside a set `( ... )` do not separate requirements.
  const requirements: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (depth < 0 || depth > 1) return `unbalanced parentheses`;
    if (c === "," && depth === 0) {
      requirements.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return "unbalanced parentheses";
  requirements.push(selector.slice(start));
  for (const raw of requirements) {
    const r = raw.trim();
    if (r === "") return "an empty requirement (two commas, or one at an end)";
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(r);
    if (set) {
      const [, key = "", , values = ""] = set;
      if (!isLabelKey(key)) return `"${key}" is not a label key`;
      const list = values.split(",").map((v) => v.trim());
      const bad = list.find((v) => !isLabelValue(v));
      if (bad !== undefined) return `"${bad}" is not a label value`;
      continue;
    }
    const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(r);
    if (cmp) {
      const [, key = "", , value = ""] = cmp;
      if (!isLabelKey(key)) return `"${key}" is not a label key`;
      if (!isLabelValue(value)) return `"${value}" is not a label value`;
      continue;
    }
    const exists = /^!?\s*(\S+)$/.exec(r);
    if (exists && isLabelKey(exists[1] ?? "")) continue;
    return `"${r}" is not a requirement such as key=value, key!=value, key in (a,b) or !key`;
  }
  return null;
}
