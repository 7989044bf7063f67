import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { resolve } from "node:path";

/** `~/x` and relative paths, as typed in the prompt, made absolute against the TUI's cwd. */
export function expandPath(path: string): string {
  const p = path.trim();
  return p === "~" || p.startsWith("~/") ? resolve(homedir(), p.slice(2)) : resolve(p);
}

/** The text of a file to import (the daemon parses it: JSON with comments, kftray's format). */
export const readImportFile = (path: string) => readFile(expandPath(path), "utf8");

/** Writes an export's text, whole or not at all (a temp file renamed); returns its count. */
export async function writeExportFile(path: string, text: string): Promise<number> {
  const file = expandPath(path);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, file);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return (JSON.parse(text) as unknown[]).length;
}
