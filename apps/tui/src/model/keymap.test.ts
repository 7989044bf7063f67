import type { Key } from "ink";
import { describe, expect, it } from "vitest";
import { actionFor, keyHelp, moveCursor } from "./keymap.ts";

const none = {} as Key;

describe("key map", () => {
  it("has kftui's keys", () => {
    expect(actionFor("f", none)).toBe("toggle");
    expect(actionFor(" ", none)).toBe("select");
    expect(actionFor("a", none)).toBe("selectAll");
    expect(actionFor("d", none)).toBe("delete");
    expect(actionFor("i", none)).toBe("import");
    expect(actionFor("e", none)).toBe("export");
    expect(actionFor("/", none)).toBe("search");
    expect(actionFor("?", none)).toBe("help");
    expect(actionFor("q", none)).toBe("quit");
    expect(actionFor("c", { ...none, ctrl: true })).toBe("quit");
    expect(actionFor("j", none)).toBe("down");
    expect(actionFor("", { ...none, pageDown: true })).toBe("pageDown");
    expect(actionFor("", { ...none, home: true })).toBe("home");
    expect(actionFor("b", none)).toBe("groupBy");
    expect(actionFor("S", none)).toBe("startGroup");
    expect(actionFor("X", none)).toBe("stopGroup");
  });

  it("lists every action in the help, for both maps", () => {
    for (const map of ["ferry", "kftui"] as const) {
      const listed = new Set(keyHelp(map).map((k) => k.action));
      for (const a of [
        "toggle",
        "select",
        "startAll",
        "startGroup",
        "groupBy",
        "delete",
        "add",
        "edit",
        "import",
        "search",
        "settings",
        "about",
        "open",
        "help",
        "quit",
      ] as const)
        expect(listed).toContain(a);
    }
  });

  it("maps kftui's keys with --kftui-keys and keeps Ferry's by default", () => {
    expect(actionFor("s", none)).toBe("startAll");
    expect(actionFor("q", none)).toBe("quit");
    expect(actionFor("s", none, "kftui")).toBe("settings");
    expect(actionFor("q", none, "kftui")).toBe("about");
    expect(actionFor("A", none, "kftui")).toBe("startAll");
    expect(actionFor("c", { ...none, ctrl: true }, "kftui")).toBe("quit");
    expect(actionFor(",", none)).toBe("settings");
    expect(actionFor("v", none)).toBe("about");
    expect(actionFor("D", none)).toBe("duplicate");
    expect(actionFor("l", none, "kftui")).toBe("httpLogs");
  });

  it("moves within bounds", () => {
    expect(moveCursor(0, "up", 5, 3)).toBe(0);
    expect(moveCursor(0, "pageDown", 5, 3)).toBe(3);
    expect(moveCursor(3, "pageDown", 5, 3)).toBe(4);
    expect(moveCursor(4, "home", 5, 3)).toBe(0);
    expect(moveCursor(0, "end", 5, 3)).toBe(4);
    expect(moveCursor(0, "down", 0, 3)).toBe(0);
  });
});
