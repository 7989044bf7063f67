import { type Config, type FerryClient, type ForwardUpdate, forwardRow } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import { DaemonFollower } from "./daemonFollower.ts";
import { followedClient } from "./followedClient.ts";
import { liveMenu } from "./liveMenu.ts";
import type { TrayMenuItem } from "./trayMenu.ts";

interface Listener {
  onStarted?: () => void;
  onData?: (u: ForwardUpdate) => void;
  onError?: (err: unknown) => void;
}

/** A daemon with one stopped forward, whose event stream can be cut as a stopped ferryd's is. */
function daemon(alias: string) {
  const config = { id: 1, alias, context: "dev", namespace: "default" } as Config;
  let listener: Listener | null = null;
  const client = {
    forwards: {
      status: { query: async () => [forwardRow(config, null)] },
      events: {
        subscribe: (_input: undefined, l: Listener) => {
          listener = l;
          setTimeout(() => l.onStarted?.(), 0);
          return { unsubscribe: () => (listener = null) };
        },
      },
    },
  } as unknown as FerryClient;
  return { client, stop: () => listener?.onError?.(new Error("WebSocket closed")) };
}

const labels = (items: TrayMenuItem[] | undefined) =>
  (items ?? []).flatMap((i) => (i.type === "checkbox" || i.type === "header" ? [i.label] : []));

describe("the menu over the followed daemon", () => {
  it("says the daemon is gone, connects again and shows the new daemon's forwards", async () => {
    const daemons = [daemon("old-web"), daemon("new-web")];
    let connects = 0;
    const follower = new DaemonFollower({
      connect: async () => daemons[Math.min(connects++, 1)]!,
      answers: async () => true,
      sleep: async () => {},
    });
    const shown: TrayMenuItem[][] = [];
    const followed = followedClient(follower);
    const menu = liveMenu({
      client: followed.client,
      onState: followed.onState,
      settings: () => ({ stopDaemonOnQuit: false, startAtLogin: false }),
      show: (items) => shown.push(items),
      retryMs: 10,
    });
    try {
      await expect.poll(() => labels(shown.at(-1))).toContain("old-web");
      daemons[0]!.stop();
      await expect.poll(() => labels(shown.at(-1))).toContain("new-web");
      expect(shown.flatMap(labels)).toContain("Daemon not reachable");
      expect(labels(shown.at(-1))).not.toContain("old-web");
      expect(connects).toBe(2);
    } finally {
      menu.close();
    }
  });
});
