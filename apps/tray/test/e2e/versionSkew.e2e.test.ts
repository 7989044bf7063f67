import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { closeFerryClient, type FerryClient } from "@ferry/store/client";
import { clientOfRunningDaemon, findDaemon, processAlive } from "@ferry/store/node";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDaemon } from "../../src/main/daemonLink.ts";
import {
  type DaemonProcess,
  detachedDaemon,
  ferry,
  startDaemon,
} from "../support/daemonProcess.ts";
import { type FollowingMain, followingMain } from "../support/followingMain.ts";
import { screenshot, seriousA11yViolations } from "../support/launchChromium.ts";
import { mainEnv, withEnv } from "../support/processEnv.ts";
import { frontendConfig } from "../support/simConfig.ts";
import { startTrayHarness, type TrayHarness } from "../support/trayHarness.ts";

// Issue 20 in the tray: an older ferryd runs (its version injected with FERRY_VERSION_OVERRIDE,
// as the store's and the CLI's skew tests do), with two forwards running. The tray's main
// connects as it does at start (daemonLink's connectDaemon): the old daemon hands over, the new
// one restores the forwards, and what main passes the renderer over the preload's channel makes
// the window say so, with the gap.

const OLD = "0.0.9";
let sim: KubeSim | undefined;
let h: TrayHarness | undefined;
let oldDaemon: DaemonProcess | undefined;
let main: FollowingMain | undefined;

beforeAll(async () => {
  sim = await startKubeSim({ scenario: "demo" });
}, 60_000);
afterAll(async () => {
  await h?.close();
  await main?.close();
  await oldDaemon?.stop();
  await sim?.close();
});

async function waitRunning(client: FerryClient, aliases: string[]) {
  await expect
    .poll(async () =>
      (await client.forwards.status.query())
        .filter((r) => aliases.includes(r.alias))
        .map((r) => r.state),
    )
    .toEqual(aliases.map(() => "running"));
}

/** An older ferryd for `home` (a child of the test) running the forwards `one` and `two`. */
async function olderDaemonRunningTwo(env: NodeJS.ProcessEnv, origin: string) {
  const home = env.FERRY_HOME as string;
  oldDaemon = await startDaemon({ ...env, FERRY_VERSION_OVERRIDE: OLD }, origin);
  const { client, daemon } = clientOfRunningDaemon(home);
  expect(daemon.version).toBe(OLD);
  for (const alias of ["one", "two", "idle"])
    if (!(await client.configs.list.query()).some((c) => c.alias === alias))
      await client.configs.create.mutate(frontendConfig(sim!, alias));
  await client.forwards.start.mutate({ aliases: ["one", "two"] });
  await waitRunning(client, ["one", "two"]);
  closeFerryClient(client);
}

/** The window's notice says who handed over, that both came back and the gap; the rows agree. */
async function expectHandOverShown(page: Page, version: string, token: string) {
  const notice = page.getByTestId("daemon-skew");
  await expect
    .poll(() => notice.textContent())
    .toContain(`ferryd ${OLD} handed over to ferryd ${version}`);
  const text = (await notice.textContent()) ?? "";
  expect(text).toMatch(/2 of 2 forwards running again after a gap of \d+\.\d s: one, two/);
  expect(text).not.toContain("not restored");
  expect(text).not.toContain(token);
  for (const [alias, state] of [
    ["one", "running"],
    ["two", "running"],
    ["idle", "stopped"],
  ])
    await expect
      .poll(() => page.locator(`tr[data-alias="${alias}"]`).getByTestId("state").textContent())
      .toBe(state);
  return notice;
}

describe("the tray takes over from an older ferryd (issue 20)", () => {
  it("the window says who handed over, which forwards came back and the gap", {
    timeout: 180_000,
  }, async () => {
    h = await startTrayHarness(() => ({}), {
      daemon: async (env, origin) => {
        const home = env.FERRY_HOME as string;
        await olderDaemonRunningTwo(env, origin);

        // Main's own connect, as the tray runs it at start; the daemon it starts allows the page.
        try {
          const linked = await withEnv(mainEnv(env, origin), () => connectDaemon(home));
          closeFerryClient(linked.client);
          return { daemon: await detachedDaemon(home), connection: linked.connection };
        } catch (err) {
          // The harness removes the home on failure: stop a daemon started there first.
          await (await detachedDaemon(home).catch(() => null))?.stop();
          throw err;
        }
      },
    });
    const page = h.page;
    // The old daemon handed over and is gone (main's connect waits for that); a new one runs.
    expect(processAlive(oldDaemon?.pid as number)).toBe(false);
    const { client, daemon } = clientOfRunningDaemon(h.env.FERRY_HOME as string);
    expect(daemon.version).not.toBe(OLD);
    expect(daemon.pid).not.toBe(oldDaemon?.pid);

    const notice = await expectHandOverShown(page, daemon.version, daemon.token);
    await waitRunning(client, ["one", "two"]);
    closeFerryClient(client);
    await screenshot(page, "version-skew");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await notice.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => notice.count()).toBe(0);
  });

  it("a hand-over found on reconnecting shows as at start", { timeout: 180_000 }, async () => {
    await h?.close();
    h = undefined;
    // Main's reconnect waits at this gate while the test puts an older ferryd in the home.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let origin = "";
    h = await startTrayHarness(() => ({}), {
      daemon: async (env, allowed) => {
        origin = allowed;
        main = await followingMain(env, allowed, () => gate);
        return main;
      },
    });
    const page = h.page;
    const stop = await ferry(main!.cliEnv, ["daemon", "stop"]);
    expect(stop.code, stop.stderr).toBe(0);
    await olderDaemonRunningTwo(h.env, origin);
    // Lost and not yet back: the window says so.
    await expect.poll(() => page.getByTestId("daemon-link").count()).toBe(1);
    expect(await page.getByTestId("daemon-link").textContent()).toMatch(
      /Lost the connection to ferryd \(.+\)\. Reconnecting/,
    );
    await screenshot(page, "daemon-lost");
    expect(await seriousA11yViolations(page)).toEqual([]);
    release();

    // The old daemon handed over to the one main's reconnect started, and is gone.
    const home = h.env.FERRY_HOME as string;
    const handedOver = async () => {
      const now = await findDaemon(home);
      return !!now && now.version !== OLD && !processAlive(oldDaemon?.pid as number);
    };
    await expect.poll(handedOver, { timeout: 60_000 }).toBe(true);
    const found = await findDaemon(home);
    if (!found) throw new Error("no daemon answers after the hand-over");
    await expectHandOverShown(page, found.version, found.token);
    await expect.poll(() => page.getByTestId("daemon-link").count()).toBe(0);
  });
});
