import { aliasAllocator } from "../configs/aliases.ts";
import { type SavedFields, sameFields, savedFields } from "../configs/configRows.ts";
import { identityKey } from "../configs/identity.ts";
import { type Config, defaultAlias } from "../schema/config.ts";
import type { SyncedRecord } from "./syncedRows.ts";
import type { OriginalTarget, UpstreamEntry } from "./upstreamEntries.ts";

export type SyncAction =
  | "add"
  | "update"
  | "unchanged"
  | "remove"
  | "flag"
  | "local-change"
  | "conflict";

/** What a sync does to one config (or one upstream entry, for add and conflict). */
export interface SyncPlanRow {
  action: SyncAction;
  key: string;
  /** The file the entry is in (for remove/flag: the one it was last in). */
  file: string;
  /** The config's id; for add, null until written. */
  id: number | null;
  alias: string;
  /** The fields to write (add, update) or as synced now (unchanged). */
  config: SavedFields | null;
  /** Context and kubeconfig as the file has them (add, update, unchanged). */
  original: OriginalTarget | null;
  /** Kept because edited locally (local-change, and a flag of an edited config). */
  localChange: boolean;
  reason: string | null;
}

/**
 * Plans one source's sync from the stored configs and the upstream entries. Only configs of this
 * source are ever updated, removed or flagged; an upstream entry that is the same forward as a
 * config of the user's or another source's is a conflict and is left out. A config edited since
 * it was last synced is kept (`local-change`) unless `force`.
 */
export function planSync(o: {
  sourceId: number;
  configs: Config[];
  synced: SyncedRecord[];
  upstream: UpstreamEntry[];
  prune: boolean;
  force: boolean;
  /** After a push with --all: the user's own configs pushed (key -> id) become the source's. */
  claim?: ReadonlyMap<string, number>;
}): SyncPlanRow[] {
  const byId = new Map(o.configs.map((c) => [c.id, c]));
  const mine = new Map(
    o.synced.filter((r) => r.sourceId === o.sourceId && byId.has(r.id)).map((r) => [r.key, r]),
  );
  const mineIds = new Set([...mine.values()].map((r) => r.id));
  const others = new Map<string, Config>();
  for (const c of o.configs) if (!mineIds.has(c.id)) others.set(identityKey(c), c);
  const sourced = new Set(o.synced.map((r) => r.id));
  const aliases = new Set(o.configs.map((c) => c.alias));
  const upstreamKeys = new Set(o.upstream.map((e) => e.key));
  const rows: SyncPlanRow[] = [];

  // Removals first, so an alias they free can be taken by an entry added in the same sync.
  for (const [key, rec] of mine) {
    if (upstreamKeys.has(key)) continue;
    const current = byId.get(rec.id) as Config;
    const edited = !sameFields(savedFields(current), rec.upstream);
    const remove = o.prune && (!edited || o.force);
    if (remove) aliases.delete(current.alias);
    rows.push({
      action: remove ? "remove" : "flag",
      key,
      file: rec.file,
      id: rec.id,
      alias: current.alias,
      config: null,
      original: null,
      localChange: edited && !o.force,
      reason: remove
        ? "deleted upstream"
        : edited && o.prune
          ? "deleted upstream; kept: changed locally"
          : "deleted upstream; kept: prune is off",
    });
  }

  const allocate = aliasAllocator((a) => aliases.has(a));
  for (const entry of o.upstream) {
    const rec = mine.get(entry.key);
    if (rec) {
      const current = byId.get(rec.id) as Config;
      const edited = !sameFields(savedFields(current), rec.upstream);
      // The alias given when it was added (it may carry a -2), restored on a forced reset.
      let alias = rec.upstream.alias;
      if (alias !== current.alias && aliases.has(alias)) alias = allocate(alias);
      const next: SavedFields = { ...entry.draft, alias };
      const base = {
        key: entry.key,
        file: entry.file,
        id: rec.id,
        config: next,
        original: entry.original,
      };
      if (edited && !o.force) {
        rows.push({
          ...base,
          action: "local-change",
          alias: current.alias,
          localChange: true,
          reason: "changed locally; kept",
        });
      } else if (sameFields(savedFields(current), next)) {
        rows.push({ ...base, action: "unchanged", alias, localChange: false, reason: null });
      } else {
        if (alias !== current.alias) {
          aliases.delete(current.alias);
          aliases.add(alias);
        }
        rows.push({
          ...base,
          action: "update",
          alias,
          localChange: false,
          reason: edited ? "local change reset (forced)" : "changed upstream",
        });
      }
      continue;
    }
    const claimed = o.claim?.get(entry.key);
    const own = claimed !== undefined && !sourced.has(claimed) ? byId.get(claimed) : undefined;
    if (own) {
      const next: SavedFields = { ...entry.draft, alias: own.alias };
      const unchanged = sameFields(savedFields(own), next);
      rows.push({
        action: unchanged ? "unchanged" : "update",
        key: entry.key,
        file: entry.file,
        id: own.id,
        alias: own.alias,
        config: next,
        original: entry.original,
        localChange: false,
        reason: "pushed into this source",
      });
      continue;
    }
    const same = others.get(identityKey(entry.draft));
    if (same) {
      rows.push({
        action: "conflict",
        key: entry.key,
        file: entry.file,
        id: same.id,
        alias: entry.draft.alias ?? same.alias,
        config: null,
        original: null,
        localChange: false,
        reason: `the same forward as "${same.alias}", which is not from this source; left alone`,
      });
      continue;
    }
    const wanted = entry.draft.alias ?? defaultAlias(entry.draft);
    const alias = allocate(wanted);
    aliases.add(alias);
    rows.push({
      action: "add",
      key: entry.key,
      file: entry.file,
      id: null,
      alias,
      config: { ...entry.draft, alias },
      original: entry.original,
      localChange: false,
      reason: alias === wanted ? null : `alias "${wanted}" is taken; added as "${alias}"`,
    });
  }
  return rows;
}
