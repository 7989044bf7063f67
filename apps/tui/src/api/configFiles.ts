import { readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { resolve } from "node:path";

/** `~/x` and relative paths, as typed in the prompt, made absolute against the TUI's cwd. */
export function expandPath(path: string): string {
  const p = path.trim();
  return p === "~" || p.startsWith("~/") ? resolve(homedir(), p.slice(2)) : resolve(p);
}

/** The text of a file to import (the daemon parses it: JSON with comments, kftray's format). */
export const readImportFile = (path: string) => readFile(expandPath(path), "utf8");

/** Writes an export's text; returns how many configs it holds. */
export async function writeExportFile(path: string, text: string): Promise<number> {
  await writeFile(expandPath(path), text);
  return (JSON.parse(text) as unknown[]).length;
}
