import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clientOfRunningDaemon } from "@ferry/store/node";
import { afterEach, describe, expect, it } from "vitest";
import { alive, daemonHome } from "./daemonHome.ts";
import { browseInto, importExamples } from "./steps.ts";
import { TmuxTui } from "./tmuxTui.ts";

// The real TUI in tmux against a real ferryd (started by the TUI itself) in a temp FERRY_HOME.
// Nothing here needs a cluster: forwarding through kube-sim is in forwarding.e2e.test.ts.

const open: { close: () => unknown }[] = [];
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

function setup(size?: { columns: number; rows: number }, args: string[] = [], cwd?: string) {
  const home = daemonHome();
  open.push({ close: home.cleanup });
  const tui = new TmuxTui({ home: home.home, ...size, args, ...(cwd ? { cwd } : {}) });
  open.push(tui);
  return { home, tui };
}

describe("ferry-tui in a terminal", () => {
  it("with --kftui-keys, s opens settings; a setting changed there is what the daemon then serves", async () => {
    const { home, tui } = setup({ columns: 100, rows: 30 }, ["--kftui-keys"]);
    await tui.waitFor("No configs yet");
    await tui.press("s");
    await tui.waitFor("relay pod manifest template");
    await tui.press("Enter");
    await tui.type("/etc/ferry/relay.json");
    await tui.waitFor("/etc/ferry/relay.json");
    await tui.press("Enter");
    await tui.waitFor("Saved proxy.manifest_path.");
    tui.save("settings-saved");
    // A second, independent client of the same daemon reads it back.
    const { client } = clientOfRunningDaemon(home.home);
    expect(await client.settings.get.query("proxy.manifest_path")).toBe("/etc/ferry/relay.json");
    await tui.press("Escape");
    await tui.waitFor("No configs yet");
    await tui.press("q"); // kftui's q: about, not quit
    await tui.waitFor("About Ferry");
    tui.save("about");
  });

  it("imports the examples through the file browser", async () => {
    const { home, tui } = setup({ columns: 100, rows: 40 });
    await tui.waitFor("No configs yet");
    await tui.press("i");
    const first = await tui.waitFor("Import a file");
    // The browser opens in the working directory: apps/tui here; up twice to the repository.
    expect(first).toContain("apps/tui");
    await browseInto(tui, "../");
    await browseInto(tui, "../");
    await browseInto(tui, "examples/");
    await tui.waitFor("configs.json");
    tui.save("file-browser");
    await browseInto(tui, "configs.json");
    await tui.waitFor("4 added");
    expect(await home.ferry(["config", "list"])).toContain("private-redis-proxy");
  });

  it("exports through the file browser into a chosen folder; the file is the CLI's export", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ferry-tui-export-"));
    open.push({ close: () => rmSync(dir, { recursive: true, force: true }) });
    mkdirSync(join(dir, "backups"));
    const { home, tui } = setup({ columns: 100, rows: 30 }, [], dir);
    await importExamples(tui);
    await tui.press("e");
    await tui.waitFor("Export to a folder");
    await browseInto(tui, "backups/");
    await tui.waitFor(join(dir, "backups"));
    tui.save("export-browser");
    await tui.press("Tab");
    const file = join(dir, "backups", "ferry-configs.json");
    await tui.waitFor(`Export to file: ${file}`);
    await tui.press("Enter");
    await tui.waitFor(`Exported 4 configs to ${file}.`);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(
      JSON.parse(await home.ferry(["config", "export"])),
    );
  });

  it("deletes a config after a question that names it, duplicates another, and the CLI agrees", async () => {
    const { home, tui } = setup();
    await importExamples(tui);
    await tui.press("d");
    await tui.waitFor("Delete auth-api-pod? y to confirm");
    tui.save("confirm-delete");
    await tui.press("y");
    await tui.waitFor("Deleted 1 config.");
    const listed = await home.ferry(["config", "list"]);
    expect(listed).not.toContain("auth-api-pod");
    expect(listed).toContain("web-frontend-svc");
    // Duplicate the row under the cursor (web-frontend-svc): same fields, alias -copy, port 0.
    await tui.press("D");
    await tui.waitFor("Duplicate web-frontend-svc");
    tui.save("duplicate-form");
    await tui.press("C-s");
    await tui.waitFor("Saved web-frontend-svc-copy.");
    const copy = JSON.parse(
      await home.ferry(["config", "show", "web-frontend-svc-copy", "--json"]),
    );
    expect(copy).toMatchObject({ service: "frontend-service", remote_port: 80, local_port: 0 });
  });

  it("starts the daemon, imports examples/configs.json by key presses, and the CLI sees the same configs", async () => {
    const { home, tui } = setup();
    const raw = join(home.home, "terminal.out");
    tui.record(raw);
    const screen = await importExamples(tui);
    tui.save("session-imported");
    expect(screen).toContain("4 added");
    for (const alias of [
      "web-frontend-svc",
      "auth-api-pod",
      "cluster-dns-udp",
      "private-redis-pr",
    ]) {
      expect(screen).toContain(alias);
    }
    expect(screen).toMatch(/dev-cluster \(2\)/);
    expect(screen).toMatch(
      /web-frontend-svc\s+svc\/frontend-service:80\s+127\.0\.0\.1:8080\s+tcp\s+stopped/,
    );
    const status = JSON.parse(await home.ferry(["status", "--json"])) as { alias: string }[];
    expect(status.map((r) => r.alias).sort()).toEqual([
      "auth-api-pod",
      "cluster-dns-udp",
      "private-redis-proxy",
      "web-frontend-svc",
    ]);
    // Moving around and the status polls only rewrite lines: the screen is never cleared.
    await tui.press("j", "j", "k", "?", "x", "/");
    await tui.type("web");
    await tui.press("Escape");
    await tui.waitFor((s) => /› web-frontend-svc/.test(s) && s.includes("cluster-dns-udp"));
    const written = readFileSync(raw, "latin1");
    expect(written).toContain("\u001b["); // the recording does hold the control sequences
    expect(written).not.toContain("\u001b[2J");
    await tui.press("q");
    await tui.waitFor("ferry-tui exited with 0");
  });

  it("follows the terminal when it is resized", async () => {
    const { tui } = setup({ columns: 80, rows: 24 });
    await importExamples(tui);
    const fits = (s: string, columns: number, rows: number) => {
      const lines = s.replace(/\n$/, "").split("\n");
      return lines.length <= rows && lines.every((l) => [...l].length <= columns);
    };
    tui.resize(130, 40);
    const wide = await tui.waitFor((s) => s.includes("private-redis-proxy") && /─{120}/.test(s));
    tui.save("resize-130x40");
    expect(fits(wide, 130, 40)).toBe(true);
    tui.resize(60, 18);
    const small = await tui.waitFor((s) => !/─{70}/.test(s) && s.includes("auth-api-pod"));
    tui.save("resize-60x18");
    expect(fits(small, 60, 18)).toBe(true);
    // Back at 80x24 the full layout returns, with no leftovers of the larger frames.
    tui.resize(80, 24);
    const back = await tui.waitFor((s) => /web-frontend-svc\s+svc\/frontend-service:80/.test(s));
    expect(back).not.toContain("private-redis-proxy");
  });

  it("reports a daemon killed mid-session and reconnects to a fresh one", async () => {
    const { home, tui } = setup();
    await importExamples(tui);
    const first = home.daemonPid();
    expect(first).not.toBeNull();
    process.kill(first as number, "SIGKILL");
    const screen = await tui.waitFor("Reconnected: the daemon had stopped answering");
    tui.save("dead-daemon-reconnected");
    const second = home.daemonPid();
    expect(second).not.toBe(first);
    expect(alive(second as number)).toBe(true);
    // The fresh daemon has the same configs (same database), all truthfully stopped.
    expect(screen).toMatch(/web-frontend-svc.*stopped/);
    await tui.press("j");
    await tui.waitFor(/› web-frontend-svc/);
  });
});
