import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import {
  demoDirs,
  demoListeners,
  demoScript,
  filesBelow,
  processesMentioning,
  repo,
} from "./demoHarness.ts";

const session = `ferry-demo-${process.pid}`;
const TUI_ALL_RUNNING = /Ferry 4 configs · 4 running/;

function tmux(...args: string[]): string {
  return execFileSync("tmux", args, { encoding: "utf8" });
}

function sessionAlive(): boolean {
  try {
    tmux("has-session", "-t", session);
    return true;
  } catch {
    return false;
  }
}

describe("pnpm demo in a terminal", () => {
  it("shows the TUI with four running forwards, and Ctrl-C leaves nothing running", async () => {
    const { fakeHome, demoHome } = demoDirs();
    const command = `cd ${repo} && HOME=${fakeHome} FERRY_DEMO_HOME=${demoHome} ${process.execPath} ${demoScript}`;
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command);
    let screen = "";
    try {
      for (let i = 0; i < 240; i++) {
        screen = tmux("capture-pane", "-p", "-t", session);
        if (TUI_ALL_RUNNING.test(screen)) break;
        await sleep(500);
      }
      const artifacts = join(repo, "test-artifacts");
      mkdirSync(artifacts, { recursive: true });
      writeFileSync(join(artifacts, "demo-tui.txt"), screen);
      // The TUI's own header, not the CLI's start-up progress that precedes it.
      expect(screen).toMatch(TUI_ALL_RUNNING);
      expect((screen.match(/ running\b/g) ?? []).length, screen).toBeGreaterThanOrEqual(4);

      tmux("send-keys", "-t", session, "C-c");
      for (let i = 0; i < 120 && sessionAlive(); i++) await sleep(500);
      expect(sessionAlive()).toBe(false);
    } finally {
      if (sessionAlive()) tmux("kill-session", "-t", session);
    }
    // The session closes when the demo exits; give its children no grace period to hide in.
    expect(processesMentioning(demoHome)).toEqual([]);
    expect(demoListeners()).toEqual([]);
    expect(filesBelow(fakeHome)).toEqual([]);
  });
});
