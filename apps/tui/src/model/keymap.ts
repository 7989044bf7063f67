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
  | "duplicate"
  | "edit"
  | "import"
  | "export"
  | "search"
  | "help"
  | "settings"
  | "discover"
  | "about"
  | "open"
  | "copyAddress"
  | "copyPod"
  | "httpLogs"
  | "httpLogSettings"
  | "httpLogViewer"
  | "syncNow"
  | "quit";

/** Ferry's own keys, or kftui's (`--kftui-keys`) for people who come from it. */
export type KeyMap = "ferry" | "kftui";

export interface KeyHelp {
  keys: string;
  action: Action;
  text: string;
}

/** Every main-screen key of a map, in the order the help overlay lists them. */
export function keyHelp(map: KeyMap = "ferry"): readonly KeyHelp[] {
  const kftui = map === "kftui";
  return [
    { keys: "↑ ↓ j k", action: "up", text: "move" },
    { keys: "PgUp PgDn Home End g G", action: "pageUp", text: "move a page, first / last" },
    { keys: "f", action: "toggle", text: "start / stop the selection (or the row)" },
    { keys: "space a", action: "select", text: "select the row, select all / none" },
    { keys: kftui ? "A x" : "s x", action: "startAll", text: "start all, stop all" },
    { keys: "S X", action: "startGroup", text: "start / stop the row's group" },
    { keys: "b Y", action: "groupBy", text: "group by context / group; git sync now" },
    { keys: "n D", action: "add", text: "add a config, duplicate the row" },
    { keys: "enter E", action: "edit", text: "edit the row" },
    { keys: "d", action: "delete", text: "delete the selection (asks first)" },
    { keys: "i e u", action: "import", text: "import / export JSON, discover (auto add)" },
    { keys: "/", action: "search", text: "filter (Esc clears)" },
    { keys: "o c p", action: "open", text: "open in browser, copy address / pod name" },
    { keys: "l L V", action: "httpLogs", text: "HTTP log on / off, its limits, the viewer" },
    { keys: kftui ? "s" : ",", action: "settings", text: "settings" },
    { keys: kftui ? "q" : "v", action: "about", text: "about: versions" },
    { keys: kftui ? "h ?" : "?", action: "help", text: "this help" },
    { keys: kftui ? "Ctrl+C" : "q Ctrl+C", action: "quit", text: "quit" },
  ];
}

/** Ferry's keys (the help text of `keyHelp` lists the same). */
export const KEY_HELP = keyHelp("ferry");

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
  D: "duplicate",
  E: "edit",
  d: "delete",
  i: "import",
  e: "export",
  "/": "search",
  ",": "settings",
  u: "discover",
  o: "open",
  c: "copyAddress",
  p: "copyPod",
  l: "httpLogs",
  L: "httpLogSettings",
  V: "httpLogViewer",
  Y: "syncNow",
  v: "about",
  "?": "help",
  h: "help",
  q: "quit",
};

/** kftui's habits on top: `s` settings, `q` about (quit is Ctrl+C), start all moves to `A`. */
const KFTUI_CHAR: Record<string, Action> = {
  ...BY_CHAR,
  s: "settings",
  q: "about",
  A: "startAll",
};

/** The main screen's action for a key press, or null. */
export function actionFor(input: string, key: Key, map: KeyMap = "ferry"): Action | null {
  if (key.ctrl && input === "c") return "quit";
  if (key.upArrow) return "up";
  if (key.downArrow) return "down";
  if (key.pageUp) return "pageUp";
  if (key.pageDown) return "pageDown";
  if (key.home) return "home";
  if (key.end) return "end";
  if (key.return) return "edit";
  if (key.ctrl || key.meta) return null;
  return (map === "kftui" ? KFTUI_CHAR : BY_CHAR)[input] ?? null;
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
