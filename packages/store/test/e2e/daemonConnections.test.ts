import { spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { readDaemonFile } from "../../src/daemon/daemonFile.ts";
import { alive, FERRYD, useDaemons, waitForDaemon, waitForExit } from "./daemonHarness.ts";

// Issue 13 point 2 and the `?token=` rule: connections without a token cannot pin the daemon's
// descriptors, and running out of descriptors is not mistaken for "daemon.json was removed".

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => resolve(socket));
    socket.on("error", reject);
  });
}

describe("ferryd connections", () => {
  const daemons = useDaemons();

  it("closes a connection that never sends a request", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    const d = await waitForDaemon(home);
    const socket = await open(d.port);
    socket.on("error", () => {});
    // No timing asserted: the daemon must end it at some point (the test times out otherwise).
    await new Promise((resolve) => socket.once("close", resolve));
    expect(socket.destroyed).toBe(true);
  });

  it("keeps running when idle connections use up its descriptors", async () => {
    const home = daemons.home();
    const child = spawn("sh", ["-c", `ulimit -n 48 && exec "${process.execPath}" "${FERRYD}"`], {
      env: { ...process.env, FERRY_HOME: home },
      stdio: "ignore",
    });
    try {
      const d = await waitForDaemon(home);
      const sockets: Socket[] = [];
      for (let i = 0; i < 80; i++) {
        const s = await open(d.port).catch(() => null);
        if (s) {
          s.on("error", () => {});
          sockets.push(s);
        }
      }
      // The daemon looks at daemon.json every second; give it a few looks while starved.
      await new Promise((r) => setTimeout(r, 3_000));
      for (const s of sockets) s.destroy();
      expect(alive(child.pid ?? 0)).toBe(true);
      expect(readDaemonFile(home)?.pid).toBe(child.pid);
      const res = await fetch(`${d.url}/daemon.info`, {
        headers: { authorization: `Bearer ${d.token}` },
      });
      expect(res.status).toBe(200);
    } finally {
      child.kill("SIGKILL");
      await waitForExit(child);
    }
  });

  it("takes `?token=` only on a WebSocket upgrade, never on a plain request", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    const d = await waitForDaemon(home);
    const res = await fetch(`${d.url}/daemon.info?token=${encodeURIComponent(d.token)}`);
    expect(res.status).toBe(401);
    const ws = new WebSocket(`${d.wsUrl}/?token=${encodeURIComponent(d.token)}`);
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error("the WebSocket with ?token= was refused"));
    });
    ws.close();
  });
});
