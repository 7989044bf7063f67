import { join } from "node:path";
import { resolveFerryHome } from "../db/ferryHome.ts";
import { openDatabase, translateSqliteError } from "../db/openDatabase.ts";
import { applyPlan, type DiscoverySnapshot } from "../discovery/applyPlan.ts";
import { OriginRows } from "../discovery/originRows.ts";
import type { PlanRow } from "../discovery/planDiscovery.ts";
import {
  CONFIG_FIELDS,
  type Config,
  type ConfigDraft,
  ConfigInputSchema,
  type ConfigPatch,
  defaultAlias,
} from "../schema/config.ts";
import { FerryError } from "../schema/ferryError.ts";
import { formatIssues, issueLines } from "../schema/formatIssues.ts";
import { settingsRepo } from "../settings/settingsRepo.ts";
import { SourceRows } from "../sync/sourceRows.ts";
import { SyncedRows } from "../sync/syncedRows.ts";
import { createSyncStore } from "../sync/syncStore.ts";
import { freeAlias } from "./aliases.ts";
import { ConfigRows } from "./configRows.ts";
import type { ConfigStore, OpenStoreOptions } from "./configStore.ts";
import { desiredRows } from "./desiredRows.ts";
import { exportConfigs } from "./exportConfigs.ts";
import type { ImportReport } from "./importReport.ts";
import { mergeImport } from "./mergeImport.ts";
import { parseImportText } from "./parseImportText.ts";
import { validateEntries } from "./validateEntries.ts";

/** Thrown inside a dry-run transaction to roll it back while keeping its report. */
class DryRunRollback {
  readonly report: ImportReport;
  constructor(report: ImportReport) {
    this.report = report;
  }
}

function validate(input: unknown): ConfigDraft {
  const parsed = ConfigInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = formatIssues(parsed.error);
  throw new FerryError("INVALID_CONFIG", `invalid config:\n${issueLines(issues)}`, issues);
}

function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Opens `configs.db` in `home` (default `$FERRY_HOME` or `~/.ferry`), creating and migrating it. */
export function openStore(options: OpenStoreOptions = {}): ConfigStore {
  const home = resolveFerryHome(options.home);
  const path = join(home, "configs.db");
  const db = openDatabase(home, { busyTimeoutMs: options.busyTimeoutMs ?? 10_000 });
  const rows = new ConfigRows(db);
  const origins = new OriginRows(db);
  const settings = settingsRepo(db);
  const desired = desiredRows(db);

  /** Runs `fn` in an IMMEDIATE transaction (writers queue on the lock instead of failing late). */
  const write = <T>(fn: () => T): T => {
    try {
      return db.transaction(fn).immediate();
    } catch (err) {
      throw translateSqliteError(err, path);
    }
  };

  const find = (idOrAlias: number | string): Config | null => {
    if (typeof idOrAlias === "number") return rows.byId(idOrAlias);
    return (
      rows.byAlias(idOrAlias) ?? (/^\d+$/.test(idOrAlias) ? rows.byId(Number(idOrAlias)) : null)
    );
  };
  const get = (idOrAlias: number | string): Config => {
    const config = find(idOrAlias);
    if (config) return config;
    const name = typeof idOrAlias === "number" ? `with id ${idOrAlias}` : `named "${idOrAlias}"`;
    throw new FerryError("NOT_FOUND", `no config ${name}; \`ferry config list\` shows them all`);
  };
  const aliasTaken = (alias: string, exceptId?: number) => {
    const other = rows.byAlias(alias);
    return other !== null && other.id !== exceptId;
  };
  // The issue lets a form put the message beside its Alias field.
  const refuseTakenAlias = (alias: string) =>
    new FerryError(
      "ALIAS_TAKEN",
      `alias "${alias}" is already used by another config; choose another alias`,
      [{ path: "alias", message: `"${alias}" is already used by another config` }],
    );

  return {
    path,
    list: () => rows.all(),
    get,
    find,
    create(input) {
      const draft = validate(input);
      return write(() => {
        if (draft.alias !== null && aliasTaken(draft.alias)) throw refuseTakenAlias(draft.alias);
        const alias =
          draft.alias ??
          freeAlias(defaultAlias(draft), rows.aliasesStartingWith(defaultAlias(draft)));
        return rows.insert({ ...draft, alias });
      });
    },
    update(idOrAlias, patch: ConfigPatch) {
      return write(() => {
        const { id, ...current } = get(idOrAlias);
        const draft = validate({ ...current, ...withoutUndefined(patch) });
        const alias = draft.alias ?? current.alias;
        if (aliasTaken(alias, id)) throw refuseTakenAlias(alias);
        const saved = rows.update(id, { ...draft, alias });
        // A discovered config the user changed keeps the change through later discoveries.
        if (CONFIG_FIELDS.some((f) => saved[f] !== current[f])) origins.markEdited(id);
        return saved;
      });
    },
    remove(idsOrAliases) {
      return write(() => {
        const configs = idsOrAliases.map(get);
        for (const c of configs) rows.delete(c.id);
        return configs;
      });
    },
    import(text, importOptions = {}) {
      const validated = validateEntries(parseImportText(text, importOptions.source), importOptions);
      const dryRun = importOptions.dryRun === true;
      try {
        return write(() => {
          const report = mergeImport(rows, validated, dryRun);
          if (dryRun) throw new DryRunRollback(report);
          return report;
        });
      } catch (err) {
        if (err instanceof DryRunRollback) return err.report;
        throw err;
      }
    },
    discovery: {
      records: () => origins.all(),
      run(plan: (snapshot: DiscoverySnapshot) => PlanRow[], dryRun = false) {
        const planned = () => {
          const discovered = origins.all();
          const rowsPlanned = plan({ configs: rows.all(), discovered });
          return dryRun ? rowsPlanned : applyPlan(rows, origins, rowsPlanned, discovered);
        };
        return dryRun ? planned() : write(planned);
      },
    },
    sync: createSyncStore({
      rows,
      sources: new SourceRows(db),
      synced: new SyncedRows(db),
      write,
    }),
    export: () => exportConfigs(rows.all()),
    desired: {
      running: () => desired.running(),
      stopped: () => desired.stopped(),
      set: (ids, running) => write(() => desired.set(ids, running)),
    },
    settings: {
      all: () => settings.all(),
      get: (key) => settings.get(key),
      set: (key, value) => write(() => settings.set(key, value)),
      delete: (key) => write(() => settings.delete(key)),
    },
    close: () => db.close(),
  };
}
