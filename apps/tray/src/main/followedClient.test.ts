import { type Config, type FerryClient, type ForwardUpdate, forwardRow } from "@ferry/store/client";
import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { DaemonFollower } from "./daemonFollower.ts";
import { followedCall, followedClient } from "./followedClient.ts";
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
  it("says it is reconnecting, connects again and shows the new daemon's forwards", async () => {
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
      // A swap is a reconnect, not a failure: the menu never says the daemon is unreachable.
      expect(shown.flatMap(labels)).toContain("Reconnecting to the daemon");
      expect(shown.flatMap(labels)).not.toContain("Daemon not reachable");
      expect(labels(shown.at(-1))).not.toContain("old-web");
      expect(connects).toBe(2);
    } finally {
      menu.close();
    }
  });
});

describe("a call over the followed daemon", () => {
  it("reports a refused call's link lost, so the next call reaches the new daemon", async () => {
    const clients = ["old", "new"].map(
      (name) =>
        ({
          daemon: {
            info: {
              query: async () => {
                // What the client throws when nothing listens on the daemon's port any more.
                if (name === "old")
                  throw new TRPCClientError("connect ECONNREFUSED 127.0.0.1:4711", {
                    cause: Object.assign(new Error("connect ECONNREFUSED"), {
                      code: "ECONNREFUSED",
                    }),
                  });
                return name;
              },
            },
          },
        }) as unknown as FerryClient,
    );
    let connects = 0;
    const follower = new DaemonFollower({
      connect: async () => ({ client: clients[Math.min(connects++, 1)]! }),
      answers: async () => true,
      sleep: async () => {},
    });
    const call = followedCall(follower);
    await expect(call((c) => c.daemon.info.query())).rejects.toThrow("ECONNREFUSED");
    expect(await call((c) => c.daemon.info.query())).toBe("new");
    expect(connects).toBe(2);
  });

  it("keeps the link after a refusal by the daemon itself", async () => {
    const client = {
      forwards: {
        start: {
          mutate: async () => {
            throw Object.assign(new Error("local port 80 is in use"), { code: "PORT_IN_USE" });
          },
        },
      },
    } as unknown as FerryClient;
    let connects = 0;
    const follower = new DaemonFollower({
      connect: async () => ({ client, n: ++connects }),
      answers: async () => true,
    });
    const call = followedCall(follower);
    const start = () => call((c) => c.forwards.start.mutate({ ids: [1] }));
    await expect(start()).rejects.toThrow("in use");
    await expect(start()).rejects.toThrow("in use");
    expect(connects).toBe(1);
  });
});
