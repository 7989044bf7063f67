// PATCH bodies as the API server applies them: JSON merge patch (RFC 7386, what `kubectl
// annotate` and `kubectl label` send) and strategic merge patch (`kubectl patch`'s default).

export const MERGE_PATCH = "application/merge-patch+json";
export const STRATEGIC_PATCH = "application/strategic-merge-patch+json";

// biome-ignore lint/suspicious/noExplicitAny: patches are open JSON.
type Json = any;

const isObject = (v: Json): v is Record<string, Json> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** RFC 7386: objects merge recursively, `null` removes a key, anything else replaces. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const out: Record<string, Json> = isObject(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/**
 * The list fields the sim's objects have, by the key the API merges their items on (the
 * `patchMergeKey` of the Go types): a strategic patch merges such lists item by item.
 */
const MERGE_KEYS: Record<string, string> = {
  containers: "name",
  initContainers: "name",
  env: "name",
  volumes: "name",
  volumeMounts: "mountPath",
  conditions: "type",
  // Service ports merge on `port`; container ports on `containerPort`.
  ports: "port",
};

function mergeKey(field: string, items: Json[]): string | undefined {
  if (field === "ports" && items.some((i) => isObject(i) && "containerPort" in i))
    return "containerPort";
  return MERGE_KEYS[field];
}

function strategicList(field: string, target: Json, patch: Json[]): Json[] {
  const key = mergeKey(field, patch);
  if (!key || !Array.isArray(target)) return structuredClone(patch.filter((i) => !isDirective(i)));
  const out = structuredClone(target) as Json[];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const at = out.findIndex((t) => isObject(t) && t[key] === item[key]);
    if (item.$patch === "delete") {
      if (at >= 0) out.splice(at, 1);
    } else if (at >= 0) out[at] = strategicMergePatch(out[at], item);
    else out.push(strategicMergePatch({}, item));
  }
  return out;
}

const isDirective = (v: Json) => isObject(v) && "$patch" in v;

/**
 * Strategic merge patch, the parts a client of the sim uses: objects as in a merge patch, lists
 * with a merge key merged item by item (`$patch: delete` removes one), other lists replaced,
 * `$setElementOrder/...` and `$retainKeys` ignored.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  if (patch.$patch === "replace") {
    const { $patch: _, ...rest } = patch;
    return structuredClone(rest);
  }
  const out: Record<string, Json> = isObject(target) ? structuredClone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith("$")) continue;
    if (v === null) delete out[k];
    else if (Array.isArray(v)) out[k] = strategicList(k, out[k], v);
    else out[k] = strategicMergePatch(out[k], v);
  }
  return out;
}
