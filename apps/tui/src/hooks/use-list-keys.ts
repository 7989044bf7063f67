import type { Config } from "@ferry/store/client";
import type { Key } from "ink";
import { actionFor, type KeyMap, moveCursor } from "../model/keymap.ts";
import type { ConfigRow } from "../model/listRows.ts";
import { useKeyQueue } from "./use-key-queue.ts";
import type { Note } from "./use-list-actions.ts";

export type Mode =
  | "list"
  | "search"
  | "help"
  | "about"
  | "settings"
  | "discover"
  | "browse"
  | "browseExport"
  | "confirm"
  | "import"
  | "export"
  | "form"
  | "httpLog"
  | "httpLogSettings";

/** What the main screen's keys read and change. */
export interface ListScreen {
  mode: Mode;
  keyMap: KeyMap;
  setMode: (mode: Mode) => void;
  busy: boolean;
  cancel: () => boolean;
  items: readonly ConfigRow[];
  cursorIndex: number;
  cursor: ConfigRow | null;
  /** The selection, or the row under the cursor when nothing is selected. */
  targets: readonly ConfigRow[];
  pageSize: number;
  setCursorId: (id: number) => void;
  selected: ReadonlySet<number>;
  setSelected: (next: ReadonlySet<number>) => void;
  setFilter: (filter: string) => void;
  setPath: (path: string) => void;
  setEditing: (config: Config | null) => void;
  /** The config a new one is copied from (duplicate), or null. */
  setCopyOf: (config: Config | null) => void;
  setNote: (note: Note | null) => void;
  quit: () => void;
  toggle: (targets: readonly ConfigRow[]) => void;
  remove: (ids: number[]) => void;
  startAll: () => void;
  stopAll: () => void;
  /** Starts or stops every config under the cursor's header. */
  group: (start: boolean) => void;
  toggleGroupBy: () => void;
  open: () => void;
  copy: (what: "address" | "pod") => void;
  toggleHttpLogs: (row: ConfigRow) => void;
  syncNow: () => void;
}

/** The main screen's key handling: the key map's actions applied to the screen. */
export function useListKeys(s: ListScreen): void {
  const confirm = (input: string) => {
    s.setMode("list");
    if (input !== "y" && input !== "Y")
      return s.setNote({ text: "Nothing deleted.", color: "yellow" });
    s.setSelected(new Set());
    s.remove(s.targets.map((r) => r.config.id));
  };

  const toggleSelected = (id: number) => {
    const next = new Set(s.selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    s.setSelected(next);
  };

  const handle = (input: string, key: Key) => {
    if (s.busy) {
      if (key.escape && s.cancel()) s.setNote({ text: "Cancelled.", color: "yellow" });
      return;
    }
    if (s.mode === "help" || s.mode === "about") return s.setMode("list");
    if (s.mode === "confirm") return confirm(input);
    if (s.mode !== "list") return;
    if (key.escape) {
      s.setFilter("");
      s.setSelected(new Set());
      return;
    }
    const action = actionFor(input, key, s.keyMap);
    if (!action) return;
    s.setNote(null);
    switch (action) {
      case "quit":
        return s.quit();
      case "help":
      case "search":
      case "settings":
      case "discover":
      case "about":
        return s.setMode(action);
      case "import":
        return s.setMode("browse");
      case "export":
        return s.setMode("browseExport");
      case "add":
      case "duplicate":
        if (action === "duplicate" && !s.cursor) return;
        s.setEditing(null);
        s.setCopyOf(action === "duplicate" ? (s.cursor?.config ?? null) : null);
        return s.setMode("form");
      case "edit":
        if (!s.cursor) return;
        s.setCopyOf(null);
        s.setEditing(s.cursor.config);
        return s.setMode("form");
      case "select":
        if (s.cursor) toggleSelected(s.cursor.config.id);
        return;
      case "selectAll":
        return s.setSelected(
          s.selected.size === s.items.length ? new Set() : new Set(s.items.map((r) => r.config.id)),
        );
      case "toggle":
        return s.toggle(s.targets);
      case "startAll":
        return s.startAll();
      case "stopAll":
        return s.stopAll();
      case "startGroup":
      case "stopGroup":
        return s.group(action === "startGroup");
      case "groupBy":
        return s.toggleGroupBy();
      case "open":
        return s.open();
      case "httpLogs":
        if (s.cursor) s.toggleHttpLogs(s.cursor);
        return;
      case "syncNow":
        return s.syncNow();
      case "httpLogViewer":
      case "httpLogSettings":
        if (s.cursor) s.setMode(action === "httpLogViewer" ? "httpLog" : "httpLogSettings");
        return;
      case "copyAddress":
      case "copyPod":
        return s.copy(action === "copyPod" ? "pod" : "address");
      case "delete":
        if (s.targets.length > 0) s.setMode("confirm");
        return;
      default: {
        const next = s.items[moveCursor(s.cursorIndex, action, s.items.length, s.pageSize)];
        if (next) s.setCursorId(next.config.id);
      }
    }
  };

  useKeyQueue(handle, s.mode === "list" && !s.busy);
}
