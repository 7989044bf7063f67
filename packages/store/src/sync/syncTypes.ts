import * as z from "zod";
import { hasControlCharacters } from "../schema/printable.ts";

// What `sync.*` takes and returns (browser-safe: the client exports it). No token is ever part
// of any of these: a source names where its token comes from (tokenEnv, tokenFile), never the token.

const text = (what: string) =>
  z
    .string({ error: `expected ${what}` })
    .trim()
    .min(1, { error: `expected ${what}` })
    .refine((v) => !hasControlCharacters(v), {
      error: `expected ${what} without control or bidi characters`,
    });

const optionalText = (what: string) =>
  text(what)
    .nullish()
    .transform((v) => v ?? null);

export const SyncSourceInputSchema = z.object({
  /** How people and the CLI name the source: `ferry sync now team`. */
  name: text("a source name").refine((v) => /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(v), {
    error: "expected a name of letters, digits, '.', '_' or '-' (at most 63)",
  }),
  /** `https://...` or `file:///...` (ssh is refused: isomorphic-git has no SSH transport). */
  url: text("a repository URL"),
  /** Branch or tag. */
  ref: text("a branch or tag").default("main"),
  /** A JSON file in the repository, or a directory whose `*.json` files are read. */
  path: text("a path in the repository"),
  /** Seconds between syncs by the daemon; 0 = only on demand. */
  intervalSeconds: z
    .number({ error: "expected a number of seconds" })
    .int({ error: "expected a whole number of seconds" })
    .min(0, { error: "expected 0 (on demand only) or more seconds" })
    .default(300),
  /** Remove configs of this source deleted upstream (default); off: flag them. */
  prune: z.boolean().default(true),
  /** Replaces `context` in every synced config. */
  context: optionalText("a context name"),
  /** Replaces `kubeconfig` in every synced config. */
  kubeconfig: optionalText("a kubeconfig path"),
  /** Name of an environment variable of the daemon holding a token. */
  tokenEnv: optionalText("an environment variable name").refine(
    (v) => v === null || /^[A-Za-z_][A-Za-z0-9_]*$/.test(v),
    { error: "expected an environment variable name (letters, digits, '_')" },
  ),
  /** A file (mode 0600, the user's own) holding a token. */
  tokenFile: optionalText("a token file path"),
  /** A PEM file of a private CA. */
  caFile: optionalText("a CA file path"),
  /** The user sent with a token (basic auth); default x-access-token. */
  username: optionalText("a user name"),
  authScheme: z
    .enum(["basic", "bearer"], { error: 'expected "basic" or "bearer"' })
    .nullish()
    .transform((v) => v ?? null),
});
export type SyncSourceInput = z.input<typeof SyncSourceInputSchema>;
export type SyncSourceFields = z.output<typeof SyncSourceInputSchema>;

export interface SyncErrorInfo {
  code: string;
  message: string;
}

/** What one sync of one source did (aliases), and the commit it read. */
export interface SyncReport {
  source: string;
  /** The commit read (null when the fetch failed). */
  commit: string | null;
  added: string[];
  updated: string[];
  unchanged: number;
  removed: string[];
  /** Deleted upstream and kept (prune off, or a local change). */
  flagged: string[];
  /** Changed locally: kept, not overwritten (a forced sync resets them). */
  localChanges: string[];
  /** Upstream entries that are the same forward as a config of the user's or another source's: left alone. */
  conflicts: string[];
  /** Running forwards restarted on their new config. */
  restarted: string[];
  /** Aliases renamed because taken, and such. */
  warnings: string[];
  error: SyncErrorInfo | null;
}

export interface SyncStatus {
  lastSyncAt: number | null;
  /** The last commit applied: what the configs of this source are in effect from. */
  lastCommit: string | null;
  lastError: SyncErrorInfo | null;
  lastReport: SyncReport | null;
  /** When the daemon syncs next (null: interval 0, on demand only). */
  nextSyncAt: number | null;
  syncing: boolean;
}

export interface SyncSource extends SyncSourceFields {
  status: SyncStatus;
}

/** The sync fields of a config row (`configs.list`, `configs.get`). */
export interface SyncFlags {
  /** The sync source it came from; null for the user's own. */
  source: string | null;
  /** Edited since it was last synced: a sync keeps it, a forced one resets it. */
  localChange: boolean;
  /** Deleted upstream, kept (prune off, or a local change). */
  upstreamDeleted: boolean;
}

export function emptyReport(source: string, commit: string | null): SyncReport {
  return {
    source,
    commit,
    added: [],
    updated: [],
    unchanged: 0,
    removed: [],
    flagged: [],
    localChanges: [],
    conflicts: [],
    restarted: [],
    warnings: [],
    error: null,
  };
}
