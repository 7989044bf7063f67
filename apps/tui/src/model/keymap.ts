import type { Key } from "ink";

export type Action =
  | "up"
  | "down"
  | "pageUp"
  | "pageDown"
  | "home"
  | "end"
  | "toggle"
  | "select"
  | "selectAll"
  | "startAll"
  | "stopAll"
  | "startGroup"
  | "stopGroup"
  | "groupBy"
  | "delete"
  | "add"
  | "edit"
  | "import"
  | "export"
  | "search"
  | "help"
  | "quit";

/** Every main-screen key, in the order the help overlay lists them. */
export const KEY_HELP: readonly { keys: string; action: Action; text: string }[] = [
  { keys: "↑ ↓ j k", action: "up", text: "move" },
  { keys: "PgUp PgDn", action: "pageUp", text: "move a page" },
  { keys: "Home End g G", action: "home", text: "first / last" },
  { keys: "f", action: "toggle", text: "start / stop the selection (or the row)" },
  { keys: "space", action: "select", text: "select / unselect the row" },
  { keys: "a", action: "selectAll", text: "select all / none" },
  { keys: "s", action: "startAll", text: "start all" },
  { keys: "x", action: "stopAll", text: "stop all" },
  { keys: "S X", action: "startGroup", text: "start / stop the row's group" },
  { keys: "b", action: "groupBy", text: "group by context / by group" },
  { keys: "n", action: "add", text: "add a config" },
  { keys: "enter E", action: "edit", text: "edit the row" },
  { keys: "d", action: "delete", text: "delete the selection (asks first)" },
  { keys: "i", action: "import", text: "import a JSON file" },
  { keys: "e", action: "export", text: "export to a JSON file" },
  { keys: "/", action: "search", text: "filter (Esc clears)" },
  { keys: "?", action: "help", text: "this help" },
  { keys: "q Ctrl+C", action: "quit", text: "quit" },
];

const BY_CHAR: Record<string, Action> = {
  k: "up",
  j: "down",
  g: "home",
  G: "end",
  f: "toggle",
  " ": "select",
  a: "selectAll",
  s: "startAll",
  x: "stopAll",
  S: "startGroup",
  X: "stopGroup",
  b: "groupBy",
  n: "add",
  E: "edit",
  d: "delete",
  i: "import",
  e: "export",
  "/": "search",
  "?": "help",
  h: "help",
  q: "quit",
};

/** The main screen's action for a key press, or null. */
export function actionFor(input: string, key: Key): Action | null {
  if (key.ctrl && input === "c") return "quit";
  if (key.upArrow) return "up";
  if (key.downArrow) return "down";
  if (key.pageUp) return "pageUp";
  if (key.pageDown) return "pageDown";
  if (key.home) return "home";
  if (key.end) return "end";
  if (key.return) return "edit";
  if (key.ctrl || key.meta) return null;
  return BY_CHAR[input] ?? null;
}

/** The cursor after a move over `count` rows with `page` rows visible. */
export function moveCursor(cursor: number, action: Action, count: number, page: number): number {
  if (count === 0) return 0;
  const next =
    action === "up"
      ? cursor - 1
      : action === "down"
        ? cursor + 1
        : action === "pageUp"
          ? cursor - page
          : action === "pageDown"
            ? cursor + page
            : action === "home"
              ? 0
              : action === "end"
                ? count - 1
                : cursor;
  return Math.max(0, Math.min(count - 1, next));
}
