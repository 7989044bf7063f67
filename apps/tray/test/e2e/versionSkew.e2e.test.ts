import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { closeFerryClient, type FerryClient } from "@ferry/store/client";
import { clientOfRunningDaemon, processAlive } from "@ferry/store/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDaemon } from "../../src/main/daemonLink.ts";
import { type DaemonProcess, detachedDaemon, startDaemon } from "../support/daemonProcess.ts";
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

beforeAll(async () => {
  sim = await startKubeSim({ scenario: "demo" });
}, 60_000);
afterAll(async () => {
  await h?.close();
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

describe("the tray takes over from an older ferryd (issue 20)", () => {
  it("the window says who handed over, which forwards came back and the gap", {
    timeout: 180_000,
  }, async () => {
    h = await startTrayHarness(() => ({}), {
      daemon: async (env, origin) => {
        const home = env.FERRY_HOME as string;
        oldDaemon = await startDaemon({ ...env, FERRY_VERSION_OVERRIDE: OLD }, origin);
        const { client, daemon } = clientOfRunningDaemon(home);
        expect(daemon.version).toBe(OLD);
        for (const alias of ["one", "two", "idle"])
          await client.configs.create.mutate(frontendConfig(sim!, alias));
        await client.forwards.start.mutate({ aliases: ["one", "two"] });
        await waitRunning(client, ["one", "two"]);
        closeFerryClient(client);

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

    const notice = page.getByTestId("daemon-skew");
    await expect
      .poll(() => notice.textContent())
      .toContain(`ferryd ${OLD} handed over to ferryd ${daemon.version}`);
    const text = (await notice.textContent()) ?? "";
    expect(text).toMatch(/2 of 2 forwards running again after a gap of \d+\.\d s: one, two/);
    expect(text).not.toContain("not restored");
    expect(text).not.toContain(daemon.token);
    // The rows agree: the two came back, the stopped one stayed stopped.
    for (const [alias, state] of [
      ["one", "running"],
      ["two", "running"],
      ["idle", "stopped"],
    ])
      await expect
        .poll(() => page.locator(`tr[data-alias="${alias}"]`).getByTestId("state").textContent())
        .toBe(state);
    await waitRunning(client, ["one", "two"]);
    closeFerryClient(client);
    await screenshot(page, "version-skew");
    expect(await seriousA11yViolations(page)).toEqual([]);

    await notice.getByRole("button", { name: "Dismiss" }).click();
    await expect.poll(() => notice.count()).toBe(0);
  });
});
