import { describe, expect, it } from "vitest";
import { fakeClient } from "../../test/browser/fake/fakeClient.ts";
import { liveMenu } from "./liveMenu.ts";
import type { TrayMenuItem } from "./trayMenu.ts";

const settled = (ms = 50) => new Promise((r) => setTimeout(r, ms));

describe("the live tray menu", () => {
  it("follows pushed updates, grouped by context, and ignores traffic-only ones", async () => {
    const client = fakeClient();
    const web = await client.configs.create.mutate({
      alias: "web",
      context: "prod",
      namespace: "default",
      workload_type: "service",
      service: "web",
      remote_port: 80,
    });
    await client.configs.create.mutate({
      alias: "api",
      context: "dev",
      namespace: "default",
      workload_type: "service",
      service: "api",
      remote_port: 81,
    });
    const shown: TrayMenuItem[][] = [];
    const menu = liveMenu({
      client,
      settings: () => ({ stopDaemonOnQuit: false, startAtLogin: false }),
      show: (items) => shown.push(items),
    });
    try {
      await expect.poll(() => shown.length).toBe(1);
      const labels = (items: TrayMenuItem[]) =>
        items.flatMap((i) =>
          i.type === "header" ? [`[${i.label}]`] : i.type === "checkbox" ? [i.label] : [],
        );
      expect(labels(shown[0]!)).toEqual(["[dev]", "api", "[prod]", "web", "Start at login"]);
      // A start anywhere is pushed: the menu follows it at once, with no poll.
      await client.forwards.start.mutate({ ids: [web.id] });
      await expect.poll(() => shown.length).toBe(2);
      const item = shown[1]!.find((i) => i.type === "checkbox" && i.label === "web");
      expect(item).toMatchObject({ checked: true, action: { kind: "toggle", start: false } });
      // The fake pushes traffic for running forwards every 250 ms: no new menu for those.
      await settled(700);
      expect(shown.length).toBe(2);
    } finally {
      menu.close();
    }
  });
});
