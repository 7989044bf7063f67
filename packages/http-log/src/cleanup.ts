import { readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The file and its rotated copies (`….http.N`) that exist, with their numbers (0 = current). */
export async function logFiles(file: string): Promise<{ path: string; n: number }[]> {
  const dir = dirname(file);
  const base = basename(file);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const out: { path: string; n: number }[] = [];
  for (const name of names) {
    if (name === base) out.push({ path: join(dir, name), n: 0 });
    else if (name.startsWith(`${base}.`)) {
      const n = Number(name.slice(base.length + 1));
      if (Number.isSafeInteger(n) && n > 0) out.push({ path: join(dir, name), n });
    }
  }
  return out.sort((a, b) => a.n - b.n);
}

/**
 * Deletes rotated copies past `maxFiles` and, with autoCleanup, every one of this forward's
 * files last written more than `retentionDays` ago. Returns the paths removed.
 */
export async function cleanupLogFiles(
  file: string,
  o: { maxFiles: number; retentionDays: number; autoCleanup: boolean; now?: number },
): Promise<string[]> {
  const now = o.now ?? Date.now();
  const removed: string[] = [];
  for (const f of await logFiles(file)) {
    let drop = f.n > o.maxFiles;
    if (!drop && o.autoCleanup) {
      try {
        drop = now - (await stat(f.path)).mtimeMs > o.retentionDays * DAY_MS;
      } catch {
        continue; // gone meanwhile
      }
    }
    if (drop) {
      await rm(f.path, { force: true });
      removed.push(f.path);
    }
  }
  return removed;
}
