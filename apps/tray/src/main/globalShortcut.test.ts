import { describe, expect, it } from "vitest";
import { type ShortcutApi, shortcutBinder, shortcutProblem } from "./globalShortcut.ts";

function fakeApi(taken: string[] = []) {
  const registered = new Set<string>();
  const api: ShortcutApi = {
    register: (a) => {
      if (taken.includes(a)) return false;
      registered.add(a);
      return true;
    },
    unregister: (a) => void registered.delete(a),
  };
  return { api, registered };
}

describe("the global shortcut", () => {
  it("is off by default and registers nothing", () => {
    const { api, registered } = fakeApi();
    const binder = shortcutBinder(api, () => {});
    expect(binder.apply(null)).toBeNull();
    expect(binder.apply(undefined)).toBeNull();
    expect(registered.size).toBe(0);
  });

  it("registers the setting, replaces it when it changes, and clears it when turned off", () => {
    const { api, registered } = fakeApi();
    const binder = shortcutBinder(api, () => {});
    expect(binder.apply("CommandOrControl+Shift+F")).toBeNull();
    expect([...registered]).toEqual(["CommandOrControl+Shift+F"]);
    expect(binder.apply("Alt+Shift+K")).toBeNull();
    expect([...registered]).toEqual(["Alt+Shift+K"]);
    expect(binder.apply("")).toBeNull();
    expect(registered.size).toBe(0);
  });

  it("says so when another application holds the shortcut", () => {
    const { api, registered } = fakeApi(["Control+Space"]);
    const binder = shortcutBinder(api, () => {});
    expect(binder.apply("Control+Space")).toMatch(/taken by another application/);
    expect(registered.size).toBe(0);
    expect(binder.current()).toBeNull();
  });

  it("refuses accelerators without a modifier or with an unknown key", () => {
    expect(shortcutProblem("F")).toMatch(/no modifier/);
    expect(shortcutProblem("Hyper+F")).toMatch(/not a modifier/);
    expect(shortcutProblem("Control+Shift+Foo")).toMatch(/not a key/);
    expect(shortcutProblem("CmdOrCtrl+Shift+f")).toBeNull();
    expect(shortcutProblem("Super+F12")).toBeNull();
  });
});
