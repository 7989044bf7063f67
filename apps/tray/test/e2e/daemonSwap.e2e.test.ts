import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { closeFerryClient } from "@ferry/store/client";
import { clientOfRunningDaemon, findDaemon } from "@ferry/store/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bannerSeen, recordBanner } from "../support/bannerRecord.ts";
import { ferry } from "../support/daemonProcess.ts";
import { type FollowingMain, followingMain } from "../support/followingMain.ts";
import { frontendConfig } from "../support/simConfig.ts";
import { startTrayHarness, type TrayHarness } from "../support/trayHarness.ts";

// The tray follows the daemon: ferryd is stopped (`ferry daemon stop`) and another starts while
// the window is open. The test process stands in for main, running main's own follower over
// main's connectDaemon, so the preload's call is answered as main answers it.

let sim: KubeSim | undefined;
let h: TrayHarness | undefined;
let main: FollowingMain | undefined;

beforeAll(async () => {
  sim = await startKubeSim({ scenario: "demo" });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await main?.close();
  await sim?.close();
});

describe("the tray across a daemon swap", () => {
  it("says the daemon was lost, reconnects and shows a forward started from the CLI", {
    timeout: 180_000,
  }, async () => {
    h = await startTrayHarness(() => ({}), {
      daemon: async (env, origin) => {
        main = await followingMain(env, origin);
        return main;
      },
    });
    const cliEnv = main!.cliEnv;
    const page = h.page;
    const home = h.env.FERRY_HOME as string;
    const { client, daemon: before } = clientOfRunningDaemon(home);
    await client.configs.create.mutate(frontendConfig(sim!, "web"));
    closeFerryClient(client);
    const state = () => page.locator('tr[data-alias="web"]').getByTestId("state").textContent();
    await expect.poll(state).toBe("stopped");
    await recordBanner(page);

    const stop = await ferry(cliEnv, ["daemon", "stop"]);
    expect(stop.code, stop.stderr).toBe(0);
    const start = await ferry(cliEnv, ["start", "web"]);
    expect(start.code, start.stderr).toBe(0);
    const after = await findDaemon(home);
    if (!after) throw new Error("no daemon answers after `ferry start`");
    expect(after.pid).not.toBe(before.pid);

    // The window found the new daemon: the forward the CLI started there shows as running.
    await expect.poll(state, { timeout: 60_000 }).toBe("running");
    const seen = (await bannerSeen(page)).join("\n");
    expect(seen).toMatch(/lost the connection to ferryd/i);
    expect(seen).toMatch(/reconnecting/i);
    expect(seen).not.toContain(before.token);
    await expect.poll(() => page.getByTestId("daemon-link").count()).toBe(0);
    const body = (await page.textContent("body")) ?? "";
    expect(body).not.toContain(before.token);
    expect(body).not.toContain(after.token);
  });
});
