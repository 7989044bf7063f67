import { useState } from "react";
import { type DirEntry, listDir } from "../api/dirListing.ts";

/** A file browser's data: the folder shown, its entries, the cursor. */
export function useFileBrowser(start: string, wanted?: (fileName: string) => boolean) {
  const [dir, setDir] = useState(start);
  const [cursor, setCursor] = useState(0);
  const { entries, error } = listDir(dir, wanted);
  const open = (entry: DirEntry | undefined): string | null => {
    if (!entry) return null;
    if (!entry.dir) return entry.path;
    setDir(entry.path);
    setCursor(0);
    return null;
  };
  const move = (step: number) =>
    setCursor((c) => Math.max(0, Math.min(entries.length - 1, c + step)));
  return { dir, entries, error, cursor, move, open, current: entries[cursor] };
}
