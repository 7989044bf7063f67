import { closeFerryClient } from "@ferry/store/client";
import { afterEach, describe, expect, it } from "vitest";
import type { DaemonConnection } from "../../shared/daemonConnection.ts";
import { connectThroughMain } from "./connection.ts";

const handOver = { from: "0.0.9", to: "0.1.0", forwards: [], restored: [], failed: [], gapMs: 0 };
const global = globalThis as { window?: unknown };

afterEach(() => {
  delete global.window;
});

describe("connectThroughMain", () => {
  it("takes main's first answer, then asks main again after each loss", async () => {
    const asked: DaemonConnection[] = [
      { daemonUrl: "http://127.0.0.1:4002", token: "t2", skew: { handOver } },
      { daemonUrl: "http://127.0.0.1:4003", token: "t3" },
    ];
    let asks = 0;
    // The preload's bridge: main answers the daemon that answers now.
    global.window = { ferry: { connection: async () => asked[asks++] }, location: { hash: "" } };
    const connect = connectThroughMain({ daemonUrl: "http://127.0.0.1:4001", token: "t1" });
    const first = await connect();
    expect(asks).toBe(0);
    expect(first.skew).toBeUndefined();
    const second = await connect();
    expect(asks).toBe(1);
    expect(second.skew).toEqual({ handOver });
    expect(second.client).not.toBe(first.client);
    const third = await connect();
    expect(asks).toBe(2);
    expect(third.skew).toBeUndefined();
    for (const c of [first, second, third]) closeFerryClient(c.client);
  });

  it("says what to do when nothing names a daemon any more", async () => {
    global.window = { location: { hash: "" } };
    const connect = connectThroughMain({ daemonUrl: "http://127.0.0.1:4001", token: "t1" });
    closeFerryClient((await connect()).client);
    await expect(connect()).rejects.toThrow("open this window from the tray app");
  });
});
