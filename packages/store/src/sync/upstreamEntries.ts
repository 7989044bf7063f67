import { identityKey } from "../configs/identity.ts";
import { parseImportText } from "../configs/parseImportText.ts";
import { validateEntries } from "../configs/validateEntries.ts";
import type { ConfigDraft } from "../schema/config.ts";
import { FerryError, isFerryError } from "../schema/ferryError.ts";
import { issueLines } from "../schema/formatIssues.ts";

/** One config entry of a source's file(s) at a commit. */
export interface UpstreamEntry {
  /** How later syncs find its config again: the alias, or the identity when it has none. */
  key: string;
  file: string;
  index: number;
  draft: ConfigDraft;
  /** Context and kubeconfig as the file has them, before the source's overrides (for push). */
  original: OriginalTarget;
}

export interface OriginalTarget {
  context: string | null;
  kubeconfig: string | null;
}

const textOrNull = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

export interface UpstreamFile {
  path: string;
  text: string;
}

/** `forwards.json@0123456789ab`: how messages name a file at a commit. */
export const fileAt = (path: string, commit: string) => `${path}@${commit.slice(0, 12)}`;

/**
 * Parses and validates every file (JSON with comments, the import's rules) before anything is
 * written: any problem refuses the whole commit, with the file, the commit and the field named.
 */
export function upstreamEntries(
  files: UpstreamFile[],
  commit: string,
  overrides: { context: string | null; kubeconfig: string | null },
): { entries: UpstreamEntry[]; warnings: string[] } {
  const entries: UpstreamEntry[] = [];
  const warnings: string[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const where = fileAt(file.path, commit);
    const raw = parseImportText(file.text, where);
    let validated: ReturnType<typeof validateEntries>;
    try {
      validated = validateEntries(raw, {
        context: overrides.context ?? undefined,
        kubeconfig: overrides.kubeconfig ?? undefined,
      });
    } catch (err) {
      if (!isFerryError(err) || err.code !== "INVALID_CONFIG") throw err;
      const issues = err.issues.map((i) => ({ ...i, path: `${where} ${i.path}` }));
      throw new FerryError(
        "INVALID_CONFIG",
        `${where}: ${issues.length === 1 ? "1 problem" : `${issues.length} problems`}:\n${issueLines(issues)}`,
        issues,
      );
    }
    for (const w of validated.warnings) warnings.push(`${where} ${w}`);
    for (const { index, draft } of validated.entries) {
      const key = draft.alias ?? identityKey(draft);
      const at = `${where} [${index}]`;
      const before = seen.get(key);
      if (before !== undefined) {
        const what = draft.alias ? `alias "${draft.alias}"` : "the same forward (no alias)";
        throw new FerryError(
          "INVALID_CONFIG",
          `${at}: ${what} is also at ${before}; each config must appear once in a source`,
          [{ path: `${at}.alias`, message: `${what} is also at ${before}` }],
        );
      }
      seen.set(key, at);
      const r = raw[index] as Record<string, unknown>;
      const original = { context: textOrNull(r.context), kubeconfig: textOrNull(r.kubeconfig) };
      entries.push({ key, file: file.path, index, draft, original });
    }
  }
  return { entries, warnings };
}
