import { createServer, type Server } from "node:net";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { clientOfRunningDaemon } from "@ferry/store/node";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ferry } from "../support/daemonProcess.ts";
import { screenshot, seriousA11yViolations } from "../support/launchChromium.ts";
import { EXAMPLES, startTrayHarness, type TrayHarness } from "../support/trayHarness.ts";

// The production renderer in headless Chromium, a real ferryd, and kube-sim's demo cluster
// behind it: add with the pickers, start with the switch, traffic through the forward, a stop
// from the CLI seen live, and a busy local port reported clearly.

let sim: KubeSim | undefined;
let h: TrayHarness;
let page: Page;
let blocker: Server | undefined;

beforeAll(async () => {
  sim = await startKubeSim({ scenario: "demo" });
  const kubeconfig = sim.kubeconfigPath;
  h = await startTrayHarness(() => ({ KUBECONFIG: kubeconfig }));
  page = h.page;
}, 120_000);

afterAll(async () => {
  await h?.close();
  await sim?.close();
  await new Promise((r) => (blocker ? blocker.close(r) : r(undefined)));
});

/** A loopback port nobody listens on now (the OS picked it). */
async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

const row = (alias: string) => page.locator(`tr[data-alias="${alias}"]`);
const stateOf = (alias: string) => row(alias).getByTestId("state").textContent();
const localOf = async (alias: string) =>
  (await row(alias).locator("td").nth(4).textContent())!.trim();

/** Chooses `value` in a picker once the cluster's answer has filled it. */
async function pick(label: string, value: string) {
  const dialog = page.getByRole("dialog");
  const options = () =>
    dialog
      .getByLabel(label)
      .evaluate((el) => [...((el as HTMLSelectElement).options ?? [])].map((o) => o.value));
  await expect
    .poll(async () => ((await options()).includes(value) ? value : await dialog.textContent()))
    .toBe(value);
  await dialog.getByLabel(label).selectOption(value);
}

/** Fills the add dialog from the cluster pickers (demo scenario: dev-cluster/webapp). */
async function addThroughDialog(alias: string, localPort: number) {
  await page.getByRole("button", { name: "Add config" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Alias").fill(alias);
  // The kubeconfig through main's file chooser (stood in for by the harness): kube-sim's.
  await dialog.getByRole("button", { name: "Choose…" }).click();
  await expect.poll(() => dialog.getByLabel("Kubeconfig").inputValue()).toBe(sim!.kubeconfigPath);
  await pick("Context", "dev-cluster");
  await pick("Namespace", "webapp");
  await pick("Service", "frontend-service");
  await expect.poll(() => dialog.getByLabel("Remote port").inputValue()).toBe("80");
  await dialog.getByLabel("Local port").fill(String(localPort));
  return dialog;
}

describe("tray renderer, real daemon, kube-sim", () => {
  it("imports examples/configs.json and adds a config with the cluster pickers", async () => {
    await page.getByTestId("import-file").setInputFiles(EXAMPLES);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(4);
    const dialog = await addThroughDialog("web-e2e", await freePort());
    await screenshot(page, "dialog");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row("web-e2e").count()).toBe(1);
    const shown = JSON.parse((await ferry(h.env, ["config", "show", "web-e2e", "--json"])).stdout);
    expect(shown.kubeconfig).toBe(sim!.kubeconfigPath);
  });

  it("starts it with its switch, shows running, and serves traffic through the forward", async () => {
    await row("web-e2e").getByRole("switch").click();
    await expect.poll(() => stateOf("web-e2e")).toBe("running");
    const res = await fetch(`http://${await localOf("web-e2e")}/`);
    expect(res.status).toBe(200);
    expect((await res.text()).length).toBeGreaterThan(0);
    await screenshot(page, "list");
    expect(await seriousA11yViolations(page)).toEqual([]);
  });

  it("shows live traffic and events in the details view", async () => {
    await row("web-e2e").getByRole("button", { name: "web-e2e", exact: true }).click();
    const details = page.locator("section.details");
    const local = await localOf("web-e2e");
    // Traffic while the chart samples (once a second): keep fetching until it has 3 points.
    const ticks = details.locator(".recharts-xAxis .recharts-cartesian-axis-tick");
    await expect
      .poll(async () => {
        await (await fetch(`http://${local}/`)).text();
        return ticks.count();
      })
      .toBeGreaterThanOrEqual(3);
    await expect.poll(() => details.locator("dd").nth(4).textContent()).toMatch(/in, .* out/);
    await expect.poll(() => details.locator(".recharts-line").count()).toBe(2);
    await expect.poll(() => details.locator(".events li").count()).toBeGreaterThan(0);
    await screenshot(page, "details");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await details.getByRole("button", { name: "Close details" }).click();
  });

  it("follows a stop made from the CLI, live", async () => {
    const r = await ferry(h.env, ["stop", "web-e2e"]);
    expect(r.code, r.stderr).toBe(0);
    await expect.poll(() => stateOf("web-e2e")).toBe("stopped");
    expect(await row("web-e2e").getByRole("switch").getAttribute("aria-checked")).toBe("false");
  });

  it("shows a clear error for a config whose local port is already in use", async () => {
    const port = await freePort();
    const server = createServer();
    blocker = server;
    await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
    const dialog = await addThroughDialog("web-busy", port);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row("web-busy").count()).toBe(1);
    await row("web-busy").getByRole("switch").click();
    await expect.poll(() => stateOf("web-busy")).toBe("error");
    expect(await row("web-busy").locator(".state-error").textContent()).toContain(String(port));
  });

  it("discovers from annotations: a checklist per context, a partial plan refused, the whole plan applied", async () => {
    await page.getByRole("button", { name: "Discover…" }).click();
    const dialog = page.getByRole("dialog");
    const contextPicker = dialog.getByLabel("Context", { exact: true });
    await expect.poll(() => contextPicker.locator("option").allTextContents()).toContain("sim");
    await contextPicker.selectOption("sim");
    const planRow = (alias: string) => dialog.locator(`tr[data-plan-alias="${alias}"]`);
    await expect.poll(() => planRow("web-ui").count()).toBe(1);
    expect(await planRow("web-ui").locator("td").nth(1).textContent()).toBe("add");
    expect(await dialog.textContent()).toContain("Problems (skipped)");
    // The plan wrote nothing.
    expect((await ferry(h.env, ["config", "list"])).stdout).not.toContain("web-ui");
    // applyPlan takes no subset: one row unchecked disables Apply and says why.
    const apply = dialog.getByRole("button", { name: "Apply the plan" });
    await dialog.getByLabel("Apply web-ui").uncheck();
    expect(await apply.isDisabled()).toBe(true);
    expect(await dialog.textContent()).toContain("1 row(s) unchecked");
    await dialog.getByLabel("Apply web-ui").check();
    await screenshot(page, "discover");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await apply.click();
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(() => row("web-ui").count()).toBe(1);
    expect((await ferry(h.env, ["config", "list"])).stdout).toContain("web-ui");
    // Checking the switch turns live discovery on for the context (it applies on each change).
    await page.getByRole("button", { name: "Discover…" }).click();
    await expect.poll(() => planRow("web-ui").locator("td").nth(1).textContent()).toBe("unchanged");
    await dialog.getByLabel("Watch this context for annotated services").check();
    const { client } = clientOfRunningDaemon(h.env.FERRY_HOME!);
    await expect.poll(async () => (await client.discover.live.query()).sim?.watch).toBe(true);
    await dialog.getByLabel("Watch this context for annotated services").uncheck();
    await expect
      .poll(async () => (await client.discover.live.query()).sim?.watch ?? false)
      .toBe(false);
    await dialog.getByRole("button", { name: "Close" }).click();
  });

  it("adds a pod forward with the pod picker on a free loopback address it suggests", async () => {
    await page.getByRole("button", { name: "Add config" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Alias").fill("auth-pods");
    await dialog.getByRole("button", { name: "Choose…" }).click();
    await pick("Context", "dev-cluster");
    await pick("Namespace", "backend");
    await dialog.getByLabel("Workload").selectOption("pod");
    // The namespace's labels as choices; a pick shows what the API server says it matches.
    await dialog.getByRole("button", { name: "app=auth" }).click();
    expect(await dialog.getByLabel("Pod label selector").inputValue()).toBe("app=auth");
    const matches = dialog.getByTestId("pod-matches");
    await expect.poll(() => matches.textContent()).toBe("1 of 1 pods in backend match app=auth");
    expect(await dialog.locator('li[data-match="true"]').count()).toBe(1);
    await pick("Remote port", "8080");
    // Who uses which address (the examples put auth-api-pod on 127.0.0.2), and free ones.
    const use = await dialog.getByTestId("loopback-use").textContent();
    expect(use, use!).toMatch(/127\.0\.0\.2 \([^)]*auth-api-pod/);
    expect(use).toContain("Free: 127.0.0.3, 127.0.0.4, 127.0.0.5");
    const suggested = await dialog
      .locator("#f-local-address-choices option")
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(suggested).toContain("127.0.0.3");
    await dialog.getByLabel("Local address").fill("127.0.0.3");
    await dialog.getByLabel("Local port").fill(String(await freePort()));
    await screenshot(page, "dialog-pod-picker");
    expect(await seriousA11yViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => row("auth-pods").count()).toBe(1);
    const shown = JSON.parse(
      (await ferry(h.env, ["config", "show", "auth-pods", "--json"])).stdout,
    );
    expect(shown).toMatchObject({
      workload_type: "pod",
      target: "app=auth",
      remote_port: 8080,
      local_address: "127.0.0.3",
    });
    await row("auth-pods").getByRole("switch").click();
    await expect.poll(() => stateOf("auth-pods")).toBe("running");
    const res = await fetch(`http://${await localOf("auth-pods")}/hello`);
    expect(((await res.json()) as { pod: string }).pod).toMatch(/^auth-/);
  });
});
