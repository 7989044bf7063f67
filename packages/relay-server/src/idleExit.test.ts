import { connect } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { spawnRelay } from "../test/relayProcess.ts";

const env = {
  PROXY_TYPE: "udp",
  REMOTE_ADDRESS: "127.0.0.1",
  REMOTE_PORT: "9",
  IDLE_EXIT_SECONDS: "0.4",
};

describe("relay idle exit", () => {
  it("exits by itself, with code 0, when no connection comes", async () => {
    const relay = await spawnRelay(env);
    expect(await relay.exited).toBe(0);
    expect(relay.output()).toContain("no connection for 0.4s: exiting");
  });

  it("stays up while a tunnel is open and exits once it closes", async () => {
    const relay = await spawnRelay(env);
    const socket = connect(relay.port, "127.0.0.1");
    await new Promise((r) => socket.once("connect", r));
    await sleep(1200);
    expect(relay.child.exitCode).toBeNull();
    socket.destroy();
    expect(await relay.exited).toBe(0);
  });

  it("refuses a bad environment with a message naming the variable", async () => {
    await expect(
      spawnRelay({ PROXY_TYPE: "sctp", REMOTE_ADDRESS: "x", REMOTE_PORT: "1" }),
    ).rejects.toThrow(/PROXY_TYPE must be "tcp" or "udp"/);
  });
});
