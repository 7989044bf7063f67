import { type Config, defaultAlias } from "../schema/config.ts";
import { aliasAllocator } from "./aliases.ts";
import { type ConfigRows, type SavedFields, sameFields } from "./configRows.ts";
import { identityKey } from "./identity.ts";
import type { ImportReport } from "./importReport.ts";
import type { ValidatedImport } from "./validateEntries.ts";

/**
 * Writes validated entries (the caller holds the transaction). An entry whose identity matches a
 * stored config updates it, or leaves it alone when nothing differs; anything else is added.
 * Stored configs missing from the file are never removed.
 */
export function mergeImport(
  rows: ConfigRows,
  validated: ValidatedImport,
  dryRun: boolean,
): ImportReport {
  const report: ImportReport = {
    dryRun,
    added: [],
    updated: [],
    unchanged: [],
    skipped: validated.skipped,
    warnings: [...validated.warnings],
  };
  const byIdentity = new Map<string, Config>();
  const aliases = new Set<string>();
  for (const c of rows.all()) {
    if (!byIdentity.has(identityKey(c))) byIdentity.set(identityKey(c), c);
    aliases.add(c.alias);
  }
  const allocate = aliasAllocator((a) => aliases.has(a));
  const settleAlias = (index: number, wanted: string, current?: string) => {
    if (wanted === current) return wanted;
    const alias = allocate(wanted);
    if (alias !== wanted)
      report.warnings.push(`[${index}]: alias "${wanted}" is taken; imported as "${alias}"`);
    if (current !== undefined) aliases.delete(current);
    aliases.add(alias);
    return alias;
  };

  for (const { index, draft } of validated.entries) {
    const key = identityKey(draft);
    const existing = byIdentity.get(key);
    if (existing) {
      const alias = settleAlias(index, draft.alias ?? existing.alias, existing.alias);
      const next: SavedFields = {
        ...draft,
        alias,
        local_port: draft.local_port ?? existing.local_port,
      };
      if (sameFields(existing, next)) {
        report.unchanged.push({ index, id: existing.id, alias });
        continue;
      }
      byIdentity.set(key, rows.update(existing.id, next));
      report.updated.push({ index, id: existing.id, alias });
    } else {
      const alias = settleAlias(index, draft.alias ?? defaultAlias(draft));
      const saved = rows.insert({ ...draft, alias });
      byIdentity.set(key, saved);
      report.added.push({ index, id: saved.id, alias });
    }
  }
  return report;
}
