import { execFileSync } from "node:child_process";
import { clientOfRunningDaemon } from "@ferry/store/node";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ferry } from "../support/daemonProcess.ts";
import { screenshot, seriousA11yViolations } from "../support/launchChromium.ts";
import { processCommandLines } from "../support/processScan.ts";
import { EXAMPLES, startTrayHarness, type TrayHarness } from "../support/trayHarness.ts";

// The renderer against a real ferryd (no cluster needed): import, the daemon's own validation
// messages, changes made by the CLI, settings. Forwarding through kube-sim is kubeSim.e2e.test.ts.

let h: TrayHarness;
let page: Page;

beforeAll(async () => {
  h = await startTrayHarness();
  page = h.page;
}, 120_000);

afterAll(async () => {
  await h?.close();
});

const rows = () => page.locator("tbody tr");
const row = (alias: string) => page.locator(`tr[data-alias="${alias}"]`);

describe("tray renderer against a real daemon", () => {
  it("imports examples/configs.json through the file input, grouped by context", async () => {
    await page.getByTestId("import-file").setInputFiles(EXAMPLES);
    await expect.poll(() => rows().count()).toBe(4);
    expect(await page.locator("section.group h2").allTextContents()).toEqual([
      "dev-cluster",
      "prod-cluster",
    ]);
    expect(await page.getByRole("status").textContent()).toContain("4 added");
    const listed = await ferry(h.env, ["config", "list"]);
    expect(listed.stdout).toContain("private-redis-proxy");
    await screenshot(page, "daemon-list");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("imports the same file again without duplicating anything", async () => {
    await page.getByTestId("import-file").setInputFiles(EXAMPLES);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("4 unchanged");
    expect(await rows().count()).toBe(4);
  });

  it("shows the schema's validation messages (the daemon's own rules) on the dialog's fields", async () => {
    await page.getByRole("button", { name: "Add config" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Local port").fill("99999");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => dialog.locator(".form-error").count()).toBe(1);
    const shown = await dialog.textContent();
    expect(await dialog.locator('[data-field-error="f-local-port"]').textContent(), shown!).toMatch(
      /0-65535/,
    );
    expect(await dialog.locator('[data-field-error="f-remote-port"]').textContent()).toContain(
      "required",
    );
    await screenshot(page, "daemon-dialog-errors");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Cancel" }).click();
  });

  it("follows a config removed by the CLI", async () => {
    const r = await ferry(h.env, ["config", "rm", "auth-api-pod"]);
    expect(r.code, r.stderr).toBe(0);
    await expect.poll(() => rows().count()).toBe(3);
    expect(await page.locator('tr[data-alias="auth-api-pod"]').count()).toBe(0);
  });

  it("deletes the selected configs after a confirmation that names them", async () => {
    await row("cluster-dns-udp").getByRole("checkbox").check();
    await row("web-frontend-svc").getByRole("checkbox").check();
    await page.getByRole("button", { name: "Delete selected" }).click();
    const confirm = page.getByRole("dialog");
    expect(await confirm.getByRole("heading").textContent()).toBe("Delete these 2 configs?");
    expect(await confirm.locator("li").allTextContents()).toEqual([
      "cluster-dns-udp",
      "web-frontend-svc",
    ]);
    await screenshot(page, "daemon-confirm-delete");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await confirm.getByRole("button", { name: "Cancel" }).click();
    expect(await rows().count()).toBe(3);
    await page.getByRole("button", { name: "Delete selected" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => rows().count()).toBe(1);
    const listed = (await ferry(h.env, ["config", "list"])).stdout;
    expect(listed).not.toContain("web-frontend-svc");
    expect(listed).not.toContain("cluster-dns-udp");
    expect(listed).toContain("private-redis-proxy");
  });

  it("puts the token on no process's command line (ps and /proc/*/cmdline)", () => {
    const lines = processCommandLines();
    // The scan sees the processes that hold the connection: the browser and the daemon.
    // (Debian's /usr/bin/chromium is a script that runs /usr/lib/chromium/chromium.)
    expect(lines.some((l) => l.cmdline.includes("chromium --"))).toBe(true);
    expect(lines.some((l) => l.pid === String(h.daemon.pid))).toBe(true);
    expect(lines.filter((l) => l.cmdline.includes(h.daemon.token))).toEqual([]);
    const ps = execFileSync("ps", ["-eww", "-o", "pid=,args="], { encoding: "utf8" });
    expect(ps).toContain("chromium --");
    expect(ps).not.toContain(h.daemon.token);
  });

  it("shows daemon info in settings and never renders the token", async () => {
    await page.getByRole("button", { name: "Settings" }).click();
    await expect.poll(() => page.locator("section.settings").textContent()).toContain(h.daemon.url);
    expect(await page.content()).not.toContain(h.daemon.token);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Forwards" }).click();
  });

  it("stores the window size set in Settings, and refuses one below the minimum", async () => {
    await page.getByRole("button", { name: "Settings" }).click();
    const settings = page.locator("section.settings");
    await settings.getByLabel("Width").fill("300");
    await settings.getByLabel("Height").fill("640");
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect
      .poll(() => page.getByRole("status").last().textContent())
      .toContain("at least 640");
    const { client } = clientOfRunningDaemon(h.env.FERRY_HOME!);
    expect(await client.settings.get.query("tray.window_bounds")).toBeNull();
    await settings.getByLabel("Width").fill("900");
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByRole("status").last().textContent()).toBe("Settings saved.");
    expect(await client.settings.get.query("tray.window_bounds")).toMatchObject({
      width: 900,
      height: 640,
    });
    await screenshot(page, "daemon-settings-window");
    expect(await seriousA11yViolations(page)).toEqual([]);
    // Opened again, Settings shows the stored size.
    await page.getByRole("button", { name: "Forwards" }).click();
    await page.getByRole("button", { name: "Settings" }).click();
    await expect.poll(() => settings.getByLabel("Width").inputValue()).toBe("900");
    await page.getByRole("button", { name: "Forwards" }).click();
  });
});
