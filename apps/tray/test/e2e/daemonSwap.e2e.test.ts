import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { closeFerryClient } from "@ferry/store/client";
import { clientOfRunningDaemon, findDaemon } from "@ferry/store/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DaemonFollower } from "../../src/main/daemonFollower.ts";
import { connectDaemon, type DaemonLink, linkAnswers } from "../../src/main/daemonLink.ts";
import { detachedDaemon, ferry } from "../support/daemonProcess.ts";
import { mainEnv, setEnv } from "../support/processEnv.ts";
import { frontendConfig } from "../support/simConfig.ts";
import { startTrayHarness, type TrayHarness } from "../support/trayHarness.ts";

// The tray follows the daemon: ferryd is stopped (`ferry daemon stop`) and another starts while
// the window is open. The test process stands in for main, running main's own follower over
// main's connectDaemon, so the preload's call is answered as main answers it.

let sim: KubeSim | undefined;
let h: TrayHarness | undefined;
let follower: DaemonFollower<DaemonLink> | undefined;
let restoreEnv: (() => void) | undefined;

beforeAll(async () => {
  sim = await startKubeSim({ scenario: "demo" });
}, 60_000);
afterAll(async () => {
  const link = await follower?.current().catch(() => null);
  if (link) closeFerryClient(link.client);
  await h?.close();
  restoreEnv?.();
  await sim?.close();
});

/** Every text the window's connection banner showed, recorded in the page as it changes. */
const recordBanner = () => {
  const w = window as unknown as { __banner: string[] };
  w.__banner = [];
  const note = () => {
    const text = document.querySelector('[data-testid="daemon-link"]')?.textContent;
    if (text && w.__banner.at(-1) !== text) w.__banner.push(text);
  };
  new MutationObserver(note).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
  });
};

describe("the tray across a daemon swap", () => {
  it("says the daemon was lost, reconnects and shows a forward started from the CLI", {
    timeout: 180_000,
  }, async () => {
    let cliEnv: NodeJS.ProcessEnv = {};
    h = await startTrayHarness(() => ({}), {
      daemon: async (env, origin) => {
        const home = env.FERRY_HOME as string;
        // Every ferryd started from here on (by main's follower or by the CLI) allows the page.
        cliEnv = { ...env, FERRY_ALLOWED_ORIGINS: origin };
        restoreEnv = setEnv(mainEnv(env, origin));
        follower = new DaemonFollower<DaemonLink>({
          connect: () => connectDaemon(home),
          answers: linkAnswers,
          onLinked: (_link, previous) => previous && closeFerryClient(previous.client),
        });
        await follower.current();
        return {
          daemon: await detachedDaemon(home),
          connection: async () => (await follower!.checked()).connection,
        };
      },
    });
    const page = h.page;
    const home = h.env.FERRY_HOME as string;
    const { client, daemon: before } = clientOfRunningDaemon(home);
    await client.configs.create.mutate(frontendConfig(sim!, "web"));
    closeFerryClient(client);
    const state = () => page.locator('tr[data-alias="web"]').getByTestId("state").textContent();
    await expect.poll(state).toBe("stopped");
    await page.evaluate(recordBanner);

    const stop = await ferry(cliEnv, ["daemon", "stop"]);
    expect(stop.code, stop.stderr).toBe(0);
    const start = await ferry(cliEnv, ["start", "web"]);
    expect(start.code, start.stderr).toBe(0);
    const after = await findDaemon(home);
    if (!after) throw new Error("no daemon answers after `ferry start`");
    expect(after.pid).not.toBe(before.pid);

    // The window found the new daemon: the forward the CLI started there shows as running.
    await expect.poll(state, { timeout: 60_000 }).toBe("running");
    const seen = await page.evaluate(() => (window as unknown as { __banner: string[] }).__banner);
    expect(seen.join("\n")).toMatch(/lost the connection to ferryd/i);
    expect(seen.join("\n")).toMatch(/reconnecting/i);
    await expect.poll(() => page.getByTestId("daemon-link").count()).toBe(0);
    const body = (await page.textContent("body")) ?? "";
    expect(body).not.toContain(before.token);
    expect(body).not.toContain(after.token);
  });
});
