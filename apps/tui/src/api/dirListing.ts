import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";

export interface DirEntry {
  name: string;
  path: string;
  dir: boolean;
}

/**
 * What a file browser shows in `dir`: `..` first (unless at the root), then folders, then the
 * `wanted` files (JSON by default), each sorted by name; hidden entries left out. An unreadable folder lists nothing
 * but `..` and says why.
 */
export function listDir(
  dir: string,
  wanted: (fileName: string) => boolean = (n) => n.endsWith(".json"),
): { entries: DirEntry[]; error: string | null } {
  const up: DirEntry[] =
    dirname(dir) === dir ? [] : [{ name: "..", path: dirname(dir), dir: true }];
  try {
    const all = readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith("."));
    const of = (dirs: boolean) =>
      all
        .filter((e) => (dirs ? e.isDirectory() : e.isFile() && wanted(e.name)))
        .map((e) => ({ name: e.name, path: join(dir, e.name), dir: dirs }))
        .sort((a, b) => a.name.localeCompare(b.name));
    return { entries: [...up, ...of(true), ...of(false)], error: null };
  } catch (err) {
    return { entries: up, error: (err as Error).message };
  }
}
