import type { DiscoverySnapshot } from "../discovery/applyPlan.ts";
import type { DiscoveredRecord } from "../discovery/originRows.ts";
import type { PlanRow } from "../discovery/planDiscovery.ts";
import type { Config, ConfigInput, ConfigPatch } from "../schema/config.ts";
import type { Settings, SettingValue } from "../schema/settings.ts";
import type { SyncStore } from "../sync/syncStore.ts";
import type { ImportOptions, ImportReport } from "./importReport.ts";

/**
 * The config database. Every method validates with the shared zod schema and throws a
 * `FerryError` (stable `code`, human `message`, optional `issues`) when it refuses.
 */
export interface ConfigStore {
  /** Absolute path of configs.db. */
  readonly path: string;
  /** All configs, by id. */
  list(): Config[];
  /** A config by id (number or digits) or alias; throws NOT_FOUND. */
  get(idOrAlias: number | string): Config;
  /** Like `get`, but null when missing. */
  find(idOrAlias: number | string): Config | null;
  /** Validates and inserts; a missing alias is derived; an explicit clashing alias throws ALIAS_TAKEN. */
  create(input: ConfigInput): Config;
  /** Applies the patch, re-validates the whole config, saves it. */
  update(idOrAlias: number | string, patch: ConfigPatch): Config;
  /** Removes every named config, or none of them when one is missing (NOT_FOUND). */
  remove(idsOrAliases: Array<number | string>): Config[];
  /** Imports JSON-with-comments text (one object or an array) in one transaction. */
  import(text: string, options?: ImportOptions): ImportReport;
  /** Configs added by discovery (issue 18): their origins and flags. */
  readonly discovery: {
    records(): DiscoveredRecord[];
    /**
     * Plans from the stored configs and applies the plan in one IMMEDIATE transaction (nothing
     * written on `dryRun`); returns the rows, adds with their new ids.
     */
    run(plan: (snapshot: DiscoverySnapshot) => PlanRow[], dryRun?: boolean): PlanRow[];
  };
  /** Git sync sources and the configs synced from them (issue 19). */
  readonly sync: SyncStore;
  /** The export file's text: a kftray-compatible JSON array, stable byte for byte. */
  export(): string;
  /** Which forwards should run (issue 20): what the next daemon restores. */
  readonly desired: {
    /** Ids of the configs the user last started and has not stopped since. */
    running(): number[];
    /** Ids of the configs the user last stopped (and has not started, nor set auto_start on, since). */
    stopped(): number[];
    /** Marks `ids` desired running (true) or stopped (false). */
    set(ids: number[], running: boolean): void;
  };
  readonly settings: {
    all(): Settings;
    get(key: string): SettingValue | undefined;
    set(key: string, value: SettingValue): void;
    delete(key: string): void;
  };
  close(): void;
}

export interface OpenStoreOptions {
  /** Directory holding configs.db; default `$FERRY_HOME`, else `~/.ferry`. */
  home?: string;
  /** Milliseconds to wait for another process's write lock; default 10000. */
  busyTimeoutMs?: number;
}
