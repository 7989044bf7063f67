import { writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ferry } from "../support/daemonProcess.ts";
import { screenshot, seriousA11yViolations } from "../support/launchChromium.ts";
import { startTrayHarness, type TrayHarness } from "../support/trayHarness.ts";

// Issue 17 in the tray: the details pane's "HTTP log" tab against a real ferryd and kube-sim,
// whose one pod is a server in this test that writes down every request (to see a replay).

let sim: KubeSim;
let h: TrayHarness;
let page: Page;
let port: number;
const seen: { method: string; url: string; body: string }[] = [];
const pod = createHttpServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c: string) => (body += c));
  req.on("end", () => {
    seen.push({ method: req.method ?? "", url: req.url ?? "", body });
    res.end(`seen ${seen.length}`);
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => pod.listen(0, "127.0.0.1", r));
  const backend = `127.0.0.1:${(pod.address() as { port: number }).port}`;
  sim = await startKubeSim({
    scenario: {
      namespaces: ["shop"],
      workloads: [
        {
          name: "api",
          namespace: "shop",
          ports: [{ containerPort: 80, backend: { forward: backend } }],
        },
      ],
    },
  });
  const kubeconfig = sim.kubeconfigPath;
  h = await startTrayHarness(() => ({ KUBECONFIG: kubeconfig }));
  page = h.page;
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
}, 120_000);

afterAll(async () => {
  await h?.close();
  await sim?.close();
  await new Promise((r) => pod.close(r));
});

/** `ferry config show api --json`, parsed. */
const shownApi = async () =>
  JSON.parse((await ferry(h.env, ["config", "show", "api", "--json"])).stdout);

describe("the tray's HTTP log tab", () => {
  it("turns logging on, lists a new exchange, shows it, replays it to the pod and copies it as curl", async () => {
    const file = join(h.home, "api.json");
    writeFileSync(
      file,
      JSON.stringify([
        {
          alias: "api",
          context: "sim",
          namespace: "shop",
          workload_type: "pod",
          target: "app=api",
          remote_port: 80,
          local_port: port,
        },
      ]),
    );
    await page.getByTestId("import-file").setInputFiles(file);
    const row = page.locator('tr[data-alias="api"]');
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole("switch").click();
    await expect.poll(() => row.getByTestId("state").textContent()).toBe("running");
    await row.getByRole("button", { name: "api", exact: true }).click();
    const details = page.locator("section.details");
    await details.getByRole("tab", { name: "HTTP log" }).click();
    await details.getByLabel("Log HTTP traffic through this forward").check();
    await expect.poll(async () => (await shownApi()).http_logs_enabled).toBe(true);

    const res = await fetch(`http://127.0.0.1:${port}/cart/items`, {
      method: "PUT",
      body: "3 pears",
    });
    expect(await res.text()).toBe("seen 1");
    const exchange = details.locator("table.exchanges tbody tr");
    await expect.poll(() => exchange.count()).toBe(1);
    expect(await exchange.first().textContent()).toMatch(/PUT\/cart\/items200/);
    // The shared cells (exchangeCells), as the TUI's viewer shows them: a 24 h clock in any locale.
    expect(await exchange.first().locator("td").first().textContent()).toMatch(/^\d\d:\d\d:\d\d$/);
    await expect.poll(() => page.getByTestId("http-new").textContent()).toBe("1 new HTTP exchange");
    await exchange.first().getByRole("button", { name: "/cart/items" }).click();
    await expect.poll(() => details.getByTestId("request").textContent()).toContain("3 pears");
    expect(await details.getByTestId("request").textContent()).toMatch(
      /^PUT \/cart\/items HTTP\/1\.1\n/,
    );
    expect(await details.getByTestId("response").textContent()).toMatch(/^HTTP\/1\.1 200 OK\n/);
    await screenshot(page, "http-log");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await details.getByRole("button", { name: "Replay" }).click();
    await expect.poll(() => seen.length).toBe(2);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[1]).toEqual({ method: "PUT", url: "/cart/items", body: "3 pears" });
    await expect.poll(() => exchange.count()).toBe(2); // the replay is logged as a new exchange

    await details.getByRole("button", { name: "Copy as curl" }).click();
    const curl = await details.getByTestId("curl").textContent();
    expect(curl).toContain("curl");
    expect(curl).toContain("/cart/items");
  });

  it("sets the log's size limit, retention and cleanup; a size of 0 is refused beside its field", async () => {
    const details = page.locator("section.details");
    await details.getByLabel("Max file size (bytes)").fill("0");
    await details.getByRole("button", { name: "Save limits" }).click();
    await expect
      .poll(() => details.locator('[data-field-error="hl-size"]').textContent())
      .toMatch(/./);
    const before = await shownApi();
    expect(before.http_logs_max_file_size ?? null).toBeNull();
    await details.getByLabel("Max file size (bytes)").fill("2097152");
    await details.getByLabel("Retention (days)").fill("3");
    await details.getByLabel("Delete log files older than the retention").check();
    await details.getByRole("button", { name: "Save limits" }).click();
    await expect
      .poll(() => shownApi())
      .toMatchObject({
        http_logs_max_file_size: 2097152,
        http_logs_retention_days: 3,
        http_logs_auto_cleanup: true,
      });
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
});
