import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRenderer } from "../support/buildRenderer.ts";
import { launchChromium, screenshot, seriousA11yViolations } from "../support/launchChromium.ts";
import { serveStatic } from "../support/staticServer.ts";
import type { FakeDiscoverControl } from "./fake/fakeDiscover.ts";

// Component-level check of the renderer in real Chromium against an in-memory daemon
// (fake/fakeClient.ts). The same flows against the real daemon are in test/e2e.

const EXAMPLES = join(import.meta.dirname, "..", "..", "..", "..", "examples", "configs.json");
let out: string;
let server: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  out = await buildRenderer(join(import.meta.dirname, "fake"));
  server = await serveStatic(out);
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
  // What "Open in browser" opens is answered here, so the popup loads and shows its URL.
  await context.route(/^https?:\/\/127\.0\.0\.1:18080\//, (route) =>
    route.fulfill({ body: "the forward", contentType: "text/plain" }),
  );
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${server.url}?busy=7001`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

const row = (alias: string) => page.locator(`tr[data-alias="${alias}"]`);
const WATCH = "Watch this context for annotated services";

const openDiscover = async () => {
  await page.getByRole("button", { name: "Discover…" }).click();
  const dialog = page.getByRole("dialog");
  const context = dialog.getByLabel("Context", { exact: true });
  await expect
    .poll(() => context.locator("option").allTextContents())
    .toEqual(["kube-sim", "staging"]);
  return { dialog, context, watch: dialog.getByLabel(WATCH) };
};
/** The page's handle on the fake's kubeconfig and held answers (fake/fakeMain.tsx). */
type FakeWindow = { fakeDiscover: FakeDiscoverControl };

/** Holds (or stops holding) the fake's `setLive` or `plan` answers. */
const holdAnswers = (which: "holding" | "holdingPlans", on: boolean) =>
  page.evaluate(
    ([key, value]) => {
      (window as unknown as FakeWindow).fakeDiscover[key] = value;
    },
    [which, on] as const,
  );

/** Lets held answers through, then one more frame: an answer wrongly applied shows by then. */
const releaseAnswers = async () => {
  await page.evaluate(() => (window as unknown as FakeWindow).fakeDiscover.release());
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
};

describe("renderer against an in-memory daemon", () => {
  it("imports a JSON file with comments and groups it by context", async () => {
    await page.getByTestId("import-file").setInputFiles(EXAMPLES);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(4);
    const groups = await page.locator("section.group h2").allTextContents();
    expect(groups).toEqual(["dev-cluster", "prod-cluster"]);
    await page.getByLabel("Search configs").fill("redis");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await page.getByLabel("Search configs").fill("");
  });

  it("shows the daemon's validation message on the field, then saves with the pickers", async () => {
    await page.getByRole("button", { name: "Add config" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => dialog.locator('[data-field-error="f-service"]').textContent())
      .toContain("required");
    await dialog.getByLabel("Alias").fill("shop-web");
    await dialog.getByLabel("Context").selectOption("kube-sim");
    await dialog.getByLabel("Namespace").selectOption("shop");
    await dialog.getByLabel("Service").selectOption("web");
    await expect.poll(() => dialog.getByLabel("Remote port").inputValue()).toBe("80");
    await dialog.getByLabel("Local port").fill("18080");
    await screenshot(page, "fake-dialog");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row("shop-web").count()).toBe(1);
  });

  it("starts with the toggle, shows running, and a clear error for a busy port", async () => {
    await row("shop-web").getByRole("switch").click();
    await expect.poll(() => row("shop-web").getByTestId("state").textContent()).toBe("running");
    await page.getByRole("button", { name: "Add config" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Alias").fill("busy");
    await dialog.getByLabel("Namespace").selectOption("default");
    await dialog.getByLabel("Service").selectOption("echo");
    await dialog.getByLabel("Remote port").selectOption("7001");
    await dialog.getByRole("button", { name: "Save" }).click();
    await row("busy").getByRole("switch").click();
    await expect.poll(() => row("busy").textContent()).toContain("already in use");
    await screenshot(page, "fake-list");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("shows live traffic and events in the details view", async () => {
    await row("shop-web").getByRole("button", { name: "shop-web", exact: true }).click();
    const details = page.locator("section.details");
    await expect.poll(() => details.locator(".recharts-line").count()).toBe(2);
    await expect.poll(() => details.locator(".events li").count()).toBeGreaterThan(0);
    await expect.poll(() => details.locator("dd").nth(4).textContent()).toMatch(/KiB in/);
    await screenshot(page, "fake-details");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("opens a running forward in the browser with the scheme setting, and copies its address and pod", async () => {
    const details = page.locator("section.details");
    const open = async () => {
      const [popup] = await Promise.all([
        page.waitForEvent("popup"),
        details.getByRole("button", { name: "Open in browser" }).click(),
      ]);
      await popup.waitForLoadState();
      const url = popup.url();
      await popup.close();
      return url;
    };
    expect(await open()).toBe("http://127.0.0.1:18080/");
    await details.getByRole("button", { name: "Copy address" }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe("127.0.0.1:18080");
    await details.getByRole("button", { name: "Copy pod name" }).click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toBe("shop-web-7d9f");
    await screenshot(page, "fake-details-actions");
    // The setting chooses https.
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByLabel("Open forwards in the browser with").selectOption("https");
    await page.getByLabel("Global shortcut to show or hide Ferry").fill("CommandOrControl+Shift+F");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(() => page.getByText("Settings saved.").count()).toBe(1);
    await screenshot(page, "fake-settings");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Forwards" }).click();
    await row("shop-web").getByRole("button", { name: "shop-web", exact: true }).click();
    await expect.poll(() => open()).toBe("https://127.0.0.1:18080/");
  });

  it("duplicates a row into the add dialog with an alias suffix and local port 0", async () => {
    await row("shop-web").getByRole("button", { name: "Duplicate shop-web" }).click();
    const dialog = page.getByRole("dialog");
    expect(await dialog.getByRole("heading").textContent()).toBe("Duplicate shop-web");
    expect(await dialog.getByLabel("Alias").inputValue()).toBe("shop-web-copy");
    expect(await dialog.getByLabel("Local port").inputValue()).toBe("0");
    await screenshot(page, "fake-duplicate");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row("shop-web-copy").count()).toBe(1);
    expect(await row("shop-web-copy").locator("td").nth(3).textContent()).toContain("svc/web:80");
  });

  it("starts and stops every forward with Start all and Stop all", async () => {
    await page.getByRole("button", { name: "Start all", exact: true }).click();
    await expect.poll(() => row("shop-web").getByTestId("state").textContent()).toBe("running");
    await expect.poll(() => row("busy").getByTestId("state").textContent()).toBe("error");
    await page.getByRole("button", { name: "Stop all", exact: true }).click();
    const states = () => page.getByTestId("state").allTextContents();
    await expect.poll(async () => (await states()).every((s) => s === "stopped")).toBe(true);
    expect((await states()).length).toBeGreaterThan(2);
  });

  it("follows the system's dark theme and stays readable", async () => {
    await page.emulateMedia({ colorScheme: "dark" });
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe("rgb(15, 20, 25)");
    await screenshot(page, "fake-dark");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });
  });

  it("says a daemon of another version: a hand-over with a forward not restored, a newer daemon", async () => {
    const other = await page.context().newPage();
    try {
      await other.goto(`${server.url}?skew=failed`);
      const notice = other.getByTestId("daemon-skew");
      await expect.poll(() => notice.textContent()).toContain("ferryd 0.0.9 handed over");
      expect(await notice.locator("p").allTextContents()).toEqual([
        "ferryd 0.0.9 handed over to ferryd 0.1.0 (this app's version)",
        "1 of 2 forwards running again after a gap of 1.5 s: shop-web",
        "not restored: busy (PORT_IN_USE: local port 7001 is in use); its row in the list shows why; start it there to retry",
      ]);
      expect(await notice.getAttribute("class")).toContain("failed");
      await screenshot(other, "fake-skew-failed");
      expect(await seriousA11yViolations(other)).toEqual([]);
      await other.goto(`${server.url}?skew=newer`);
      await expect
        .poll(() => other.getByTestId("daemon-skew").textContent())
        .toContain(
          "ferryd 0.2.0 is newer than this app (0.1.0); using it as it is. Upgrade Ferry to match.",
        );
      await other.getByTestId("daemon-skew").getByRole("button", { name: "Dismiss" }).click();
      await expect.poll(() => other.getByTestId("daemon-skew").count()).toBe(0);
      await other.goto(server.url);
      await other.locator("tbody, .app").first().waitFor();
      expect(await other.getByTestId("daemon-skew").count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it("is usable from the keyboard with a visible focus ring", async () => {
    await page.getByLabel("Search configs").focus();
    await page.keyboard.press("Tab");
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement!).outlineStyle,
    );
    expect(outline).toBe("solid");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("dialog").isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  });

  it("unticks the watch switch again when the daemon refuses the context, and says why", async () => {
    const { dialog, context, watch } = await openDiscover();
    // "staging" is listed, but the kubeconfig the watch reads has lost it (fakeDiscover.ts).
    await context.selectOption("staging");
    await watch.click();
    await expect
      .poll(() => dialog.getByRole("alert").textContent())
      .toContain('context "staging" is not in kubeconfig');
    await expect.poll(() => watch.isChecked()).toBe(false);
    // A context the kubeconfig has stays on, and is read back on again when the dialog reopens.
    await context.selectOption("kube-sim");
    await watch.click();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    const again = await openDiscover();
    await expect.poll(() => again.watch.isChecked()).toBe(true);
    await again.context.selectOption("staging");
    await expect.poll(() => again.watch.isChecked()).toBe(false);
    await again.dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => again.dialog.count()).toBe(0);
  });

  it("clears a refusal once a later action succeeds", async () => {
    const { dialog, context, watch } = await openDiscover();
    await context.selectOption("staging");
    await watch.click();
    await expect.poll(() => dialog.getByRole("alert").count()).toBe(1);
    // The user adds "staging" to the kubeconfig and ticks again: the old reason is gone.
    await page.evaluate(() =>
      (window as unknown as FakeWindow).fakeDiscover.kubeconfig.push("staging"),
    );
    await watch.click();
    await expect.poll(() => watch.isChecked()).toBe(true);
    await expect.poll(() => dialog.getByRole("alert").count()).toBe(0);
    // Off, and refused once the kubeconfig lost it again; then another context reads without a
    // problem: the reason goes too.
    await watch.click();
    await expect.poll(() => watch.isChecked()).toBe(false);
    await page.evaluate(() => (window as unknown as FakeWindow).fakeDiscover.kubeconfig.pop());
    await watch.click();
    await expect.poll(() => dialog.getByRole("alert").count()).toBe(1);
    await context.selectOption("kube-sim");
    await expect.poll(() => dialog.getByRole("alert").count()).toBe(0);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it("leaves the context now shown alone when another context's load lands late", async () => {
    const { dialog, context, watch } = await openDiscover();
    await context.selectOption("kube-sim");
    await expect.poll(() => dialog.getByRole("alert").count()).toBe(0);
    if (!(await watch.isChecked())) await watch.click(); // watched, whatever ran before
    await expect.poll(() => watch.isChecked()).toBe(true);
    // staging's load (unwatched) is held; kube-sim's, asked after it, answers first.
    await holdAnswers("holdingPlans", true);
    await context.selectOption("staging");
    await holdAnswers("holdingPlans", false);
    await context.selectOption("kube-sim");
    await expect.poll(() => watch.isChecked()).toBe(true);
    await releaseAnswers();
    expect(await watch.isChecked()).toBe(true);
    expect(await dialog.getByRole("alert").count()).toBe(0);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it("leaves the context now shown alone when a refusal for another lands late", async () => {
    const { dialog, context, watch } = await openDiscover();
    await context.selectOption("staging");
    await expect.poll(() => watch.isChecked()).toBe(false);
    await holdAnswers("holding", true);
    await watch.click();
    // kube-sim watches (the earlier test turned it on): its switch reads ticked.
    await context.selectOption("kube-sim");
    await expect.poll(() => watch.isChecked()).toBe(true);
    await releaseAnswers();
    expect(await watch.isChecked()).toBe(true);
    expect(await dialog.getByRole("alert").count()).toBe(0);
    // staging itself is read back as the daemon has it: not watched.
    await context.selectOption("staging");
    await expect.poll(() => watch.isChecked()).toBe(false);
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  });
});
