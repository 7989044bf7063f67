import { describe, expect, it } from "vitest";
import {
  buildTrayMenu,
  type MenuConfig,
  type MenuStatus,
  type TrayMenuItem,
  type TrayMenuState,
} from "./trayMenu.ts";

const configs: MenuConfig[] = [
  { id: 1, alias: "web", context: "prod" },
  { id: 2, alias: "api", context: "dev" },
  { id: 3, alias: "db", context: "dev" },
  { id: 4, alias: "local", context: null },
];

function menu(statuses: MenuStatus[], over: Partial<TrayMenuState> = {}) {
  return buildTrayMenu({
    configs,
    statuses,
    stopDaemonOnQuit: false,
    daemon: "reachable",
    startAtLogin: false,
    ...over,
  });
}

const labels = (items: TrayMenuItem[]) =>
  items.map((i) =>
    i.type === "separator" ? "---" : i.type === "header" ? `[${i.label}]` : i.label,
  );

function byLabel(items: TrayMenuItem[], label: string) {
  const found = items.find((i) => i.type !== "separator" && i.label === label);
  if (!found) throw new Error(`no item ${label}`);
  return found;
}

describe("buildTrayMenu", () => {
  it("groups configs by context, sorted, then the fixed actions", () => {
    expect(labels(menu([]))).toEqual([
      "[(current context)]",
      "local",
      "[dev]",
      "api",
      "db",
      "[prod]",
      "web",
      "---",
      "Start all",
      "Stop all",
      "---",
      "Start at login",
      "Open Ferry",
      "Quit",
    ]);
  });

  it("offers start at login as a checkbox that flips the setting", () => {
    expect(byLabel(menu([]), "Start at login")).toMatchObject({
      checked: false,
      action: { kind: "startAtLogin", enabled: true },
    });
    expect(byLabel(menu([], { startAtLogin: true }), "Start at login")).toMatchObject({
      checked: true,
      action: { kind: "startAtLogin", enabled: false },
    });
  });

  it("checks running configs and toggles each towards its other state", () => {
    const items = menu([
      { id: 1, state: "running" },
      { id: 2, state: "stopped" },
    ]);
    expect(byLabel(items, "web")).toMatchObject({
      checked: true,
      action: { kind: "toggle", id: 1, start: false },
    });
    expect(byLabel(items, "api")).toMatchObject({
      checked: false,
      action: { kind: "toggle", id: 2, start: true },
    });
  });

  it("shows the error text of a failing forward and lets it be restarted", () => {
    const item = byLabel(menu([{ id: 3, state: "error", error: "port 5432 in use" }]), "db");
    expect(item).toMatchObject({
      checked: false,
      sublabel: "error: port 5432 in use",
      action: { kind: "toggle", id: 3, start: true },
    });
  });

  it("stops a reconnecting forward rather than starting it again", () => {
    const item = byLabel(menu([{ id: 1, state: "reconnecting" }]), "web");
    expect(item).toMatchObject({ checked: false, action: { start: false } });
  });

  it("enables Start all and Stop all only when they would do something", () => {
    const idle = menu([]);
    expect(byLabel(idle, "Start all")).toMatchObject({ enabled: true });
    expect(byLabel(idle, "Stop all")).toMatchObject({ enabled: false });
    const all = menu(configs.map((c) => ({ id: c.id, state: "running" as const })));
    expect(byLabel(all, "Start all")).toMatchObject({ enabled: false });
    expect(byLabel(all, "Stop all")).toMatchObject({ enabled: true });
  });

  it("quits leaving the daemon running unless the setting says stop it", () => {
    expect(byLabel(menu([]), "Quit")).toMatchObject({
      action: { kind: "quit", stopDaemon: false },
    });
    expect(byLabel(menu([], { stopDaemonOnQuit: true }), "Quit (stops the daemon)")).toMatchObject({
      action: { kind: "quit", stopDaemon: true },
    });
  });

  it("says so when the daemon is unreachable or there is nothing to show", () => {
    const down = menu([], { daemon: "unreachable" });
    expect(labels(down)[0]).toBe("[Daemon not reachable]");
    expect(byLabel(down, "Start all")).toMatchObject({ enabled: false });
    const lost = menu([{ id: 1, state: "running" }], { daemon: "reconnecting" });
    expect(labels(lost)[0]).toBe("[Reconnecting to the daemon]");
    expect(byLabel(lost, "Stop all")).toMatchObject({ enabled: false });
    const empty = buildTrayMenu({
      configs: [],
      statuses: [],
      stopDaemonOnQuit: false,
      daemon: "reachable",
      startAtLogin: false,
    });
    expect(labels(empty)[0]).toBe("[No forwards yet: open Ferry to add one]");
  });
});
