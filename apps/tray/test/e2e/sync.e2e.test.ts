import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ferry } from "../support/daemonProcess.ts";
import { screenshot, seriousA11yViolations } from "../support/launchChromium.ts";
import { startTrayHarness, type TrayHarness } from "../support/trayHarness.ts";

// Issue 19 in the tray: the Sync page against a real ferryd syncing a real git repository
// (file://, committed with the git CLI).

let h: TrayHarness;
let page: Page;
let repo: string;

/** Commits `configs` as forwards.json in the test's repository; returns the commit id. */
function commit(configs: object[]): string {
  const git = (...args: string[]) =>
    execFileSync("git", ["-c", "user.name=T", "-c", "user.email=t@ferry.invalid", ...args], {
      cwd: repo,
      encoding: "utf8",
    }).trim();
  writeFileSync(join(repo, "forwards.json"), JSON.stringify(configs));
  git("add", "forwards.json");
  git("commit", "-q", "-m", `${configs.length} forwards`);
  return git("rev-parse", "HEAD");
}
const config = (alias: string, local_port: number) => ({
  alias,
  namespace: "default",
  workload_type: "service",
  service: "web",
  remote_port: 80,
  local_port,
});

beforeAll(async () => {
  h = await startTrayHarness();
  page = h.page;
  repo = join(h.home, "team-repo");
  mkdirSync(repo);
  execFileSync("git", ["init", "-q", "-b", "main"], { cwd: repo });
}, 120_000);

afterAll(async () => {
  await h?.close();
});

describe("the tray's Sync page", () => {
  it("adds a file:// source, shows its last sync and commit, and syncs an upstream commit on demand", async () => {
    const first = commit([config("team-web", 18201)]);
    await page.getByRole("button", { name: "Sync", exact: true }).click();
    const view = page.locator("section.sync");
    await view.getByLabel("Name").fill("team");
    await view.getByLabel("Repository URL").fill(`file://${repo}`);
    await view.getByLabel("Path in the repository").fill("forwards.json");
    await view.getByLabel("Interval (seconds)").fill("3600");
    await view.getByRole("button", { name: "Add source" }).click();
    const row = view.locator('tr[data-source="team"]');
    await expect.poll(() => row.getByTestId("commit").textContent()).toBe(first.slice(0, 7));
    expect(await row.getByTestId("last-sync").textContent()).not.toBe("never");
    expect(await row.getByTestId("last-error").textContent()).toBe("—");
    expect((await ferry(h.env, ["config", "list"])).stdout).toContain("team-web");
    await screenshot(page, "daemon-sync");
    expect(await seriousA11yViolations(page)).toEqual([]);

    const second = commit([config("team-web", 18201), config("team-api", 18202)]);
    await row.getByRole("button", { name: "Sync now team" }).click();
    await expect.poll(() => row.getByTestId("commit").textContent()).toBe(second.slice(0, 7));
    await expect
      .poll(() => view.getByRole("status").first().textContent())
      .toContain("team: 1 added");
    expect((await ferry(h.env, ["config", "list"])).stdout).toContain("team-api");

    // An ssh:// URL is refused with the daemon's message, and nothing is added.
    await view.getByLabel("Name").fill("ssh-source");
    await view.getByLabel("Repository URL").fill("ssh://git@example.com/team.git");
    await view.getByLabel("Path in the repository").fill("forwards.json");
    await view.getByRole("button", { name: "Add source" }).click();
    await expect.poll(() => view.getByRole("alert").textContent()).toMatch(/HTTPS/i);
    expect(await view.locator('tr[data-source="ssh-source"]').count()).toBe(0);

    // Removing the source removes its configs (stopped first).
    await row.getByRole("button", { name: "Remove team" }).click();
    await expect.poll(() => row.count()).toBe(0);
    const left = (await ferry(h.env, ["config", "list"])).stdout;
    expect(left).not.toContain("team-web");
    expect(left).not.toContain("team-api");
  });
});
