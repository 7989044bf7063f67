import { aliasAllocator } from "../configs/aliases.ts";
import { type SavedFields, sameFields, savedFields } from "../configs/configRows.ts";
import { identityKey } from "../configs/identity.ts";
import { CONFIG_FIELDS, type Config } from "../schema/config.ts";
import { ALL_SERVICES, type Candidate, type Origin, originKey } from "./discoveryTypes.ts";
import type { DiscoveredRecord } from "./originRows.ts";
import { LoopbackAddresses, PortBook } from "./portBook.ts";

export type PlanAction =
  | "add"
  | "update"
  | "unchanged"
  | "conflict"
  | "kept-local-change"
  | "remove"
  | "source-gone";

/** One line of the plan: what discovery does (or would do) with one config. */
export interface PlanRow {
  action: PlanAction;
  /** The stored config's id; null for an add (until applied) and a conflict. */
  id: number | null;
  alias: string;
  /** The config as it will be (add, update) or as it is (the others). */
  config: SavedFields;
  origin: Origin;
  /** Why, in words: moved ports, mapped privileged ports, renamed aliases, what changed. */
  reason: string | null;
}

/** Where discovery looked: gone sources are judged only there. `namespace` "*" = every one. */
export interface ScannedScope {
  context: string;
  namespace: string;
  /** allServices ran here, so configs it made earlier can be judged too. */
  allServices: boolean;
}

export interface PlanInput {
  candidates: Candidate[];
  configs: Config[];
  discovered: DiscoveredRecord[];
  scanned: ScannedScope[];
  prune?: boolean;
  domain?: boolean;
  /** Each Service (or workload) its own 127.0.0.x, unless its annotation names an address. */
  loopback?: boolean;
  /** Whether the daemon may bind ports below 1024 (root, or ip_unprivileged_port_start). */
  canBindBelow1024: boolean;
}

const source = (o: Origin) => `${o.namespace}/${o.name}`;
const withoutId = savedFields;

/**
 * The discovery plan: each candidate matched to the config it made before (by origin, never by
 * ports, so a moved port or a user's edit keeps the match), with the same alias rules as an
 * import. Pure: the caller applies it in one transaction.
 */
export function planDiscovery(input: PlanInput): PlanRow[] {
  const rows: PlanRow[] = [];
  const configsById = new Map(input.configs.map((c) => [c.id, c]));
  const byOrigin = new Map(input.discovered.map((d) => [originKey(d.origin), d]));
  const byIdentity = new Map(input.configs.map((c) => [identityKey(c), c]));
  const aliases = new Set(input.configs.map((c) => c.alias));
  const allocate = aliasAllocator((a) => aliases.has(a));
  const ports = new PortBook(input.configs);
  const addresses = new LoopbackAddresses(input.configs, input.discovered);
  const matched = new Set<number>();

  for (const candidate of input.candidates) {
    const { origin } = candidate;
    const record = byOrigin.get(originKey(origin));
    const existing = record ? configsById.get(record.id) : undefined;
    if (record && existing) {
      matched.add(existing.id);
      if (record.edited) {
        rows.push({
          action: "kept-local-change",
          id: existing.id,
          alias: existing.alias,
          config: withoutId(existing),
          origin,
          reason: "kept local change (edited after discovery)",
        });
        continue;
      }
    }
    const reasons: string[] = [];
    const draft = { ...candidate.draft };
    if (input.domain) draft.domain_enabled = true;
    if (
      (input.loopback || origin.annotation === ALL_SERVICES) &&
      draft.local_address === "127.0.0.1"
    )
      draft.local_address = addresses.forObject(origin, existing);

    // Before any port moves: a user's config for the same forward means this one is not needed.
    const twin = byIdentity.get(identityKey(draft));
    if (!existing && twin) {
      rows.push({
        action: "conflict",
        id: null,
        alias: draft.alias,
        config: { ...draft },
        origin,
        reason: `the same forward as config '${twin.alias}'; left as it is`,
      });
      continue;
    }

    let wanted = draft.local_port ?? draft.remote_port;
    if (wanted > 0 && wanted < 1024 && !input.canBindBelow1024) {
      reasons.push(`port ${wanted} < 1024 mapped to ${wanted + 8000}`);
      wanted += 8000;
    }
    const owner = ports.owner(draft.local_address, wanted, existing?.id);
    let localPort = wanted;
    if (owner !== undefined) {
      const kept =
        existing?.local_port != null &&
        ports.owner(existing.local_address, existing.local_port, existing.id) === undefined &&
        existing.local_address === draft.local_address
          ? existing.local_port
          : null;
      localPort = kept ?? ports.free(draft.local_address, wanted);
      reasons.push(`local port ${wanted} taken by '${owner}': moved to ${localPort}`);
    }
    draft.local_port = localPort;

    if (existing) {
      const next: SavedFields = {
        ...draft,
        alias: existing.alias,
        auto_start: existing.auto_start,
        http_logs_enabled: existing.http_logs_enabled,
        http_logs_max_file_size: existing.http_logs_max_file_size ?? null,
        http_logs_retention_days: existing.http_logs_retention_days ?? null,
        http_logs_auto_cleanup: existing.http_logs_auto_cleanup ?? null,
        group: existing.group,
      };
      ports.take(next.local_address, localPort, existing.id, existing.alias);
      const current = withoutId(existing);
      const changed = CONFIG_FIELDS.filter((f) => current[f] !== next[f]);
      if (changed.length > 0) reasons.push(`changed: ${changed.join(", ")}`);
      rows.push({
        action: sameFields(current, next) ? "unchanged" : "update",
        id: existing.id,
        alias: existing.alias,
        config: next,
        origin,
        reason: reasons.length > 0 ? reasons.join("; ") : null,
      });
      continue;
    }
    const alias = allocate(draft.alias);
    if (alias !== draft.alias)
      reasons.push(`alias '${draft.alias}' is taken: discovered as '${alias}'`);
    aliases.add(alias);
    const config: SavedFields = { ...draft, alias };
    byIdentity.set(identityKey(config), { id: -1, ...config });
    ports.take(config.local_address, localPort, undefined, alias);
    rows.push({
      action: "add",
      id: null,
      alias,
      config,
      origin,
      reason: reasons.length > 0 ? reasons.join("; ") : null,
    });
  }

  for (const record of input.discovered) {
    const config = configsById.get(record.id);
    if (!config || matched.has(record.id) || !judged(record.origin, input.scanned)) continue;
    rows.push({
      action: input.prune ? "remove" : "source-gone",
      id: record.id,
      alias: config.alias,
      config: withoutId(config),
      origin: record.origin,
      reason: input.prune
        ? `${record.origin.annotation} entry "${record.origin.key}" is gone from ${record.origin.kind} ${source(record.origin)}`
        : `source gone (${record.origin.kind} ${source(record.origin)} no longer has it); kept, prune is off`,
    });
  }
  return rows;
}

/** A source can be called gone only where this run looked (a denied namespace says nothing). */
function judged(origin: Origin, scanned: ScannedScope[]): boolean {
  return scanned.some(
    (s) =>
      s.context === origin.context &&
      (s.namespace === "*" || s.namespace === origin.namespace) &&
      (origin.annotation !== ALL_SERVICES || s.allServices),
  );
}
