import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

const handOver = {
  from: "0.0.9",
  to: "0.1.0",
  forwards: ["web-frontend-svc", "auth-api-pod"],
  restored: ["web-frontend-svc"],
  failed: ["auth-api-pod (error: port 9001 in use)"],
  gapMs: 1234,
};

// Issue 20: a daemon of another version is never taken over (or used) silently.
describe("a daemon of another version", () => {
  it("an older one handed over: the status line says what came back and the gap, until a key", async () => {
    const d = demoDaemon();
    const app = renderApp(
      d,
      { columns: 140, rows: 30 },
      {
        connect: async () => ({
          client: d.client(),
          handOver,
        }),
      },
    );
    const frame = await app.waitFor("handed over");
    const lines = frame.split("\n");
    expect(lines).toContainEqual(
      expect.stringContaining("ferryd 0.0.9 handed over to ferryd 0.1.0 (this TUI's version)"),
    );
    expect(lines).toContainEqual(
      expect.stringContaining(
        "1 of 2 forwards running again after a gap of 1.2 s: web-frontend-svc",
      ),
    );
    expect(lines).toContainEqual(
      expect.stringContaining(
        "not restored: auth-api-pod (error: port 9001 in use); select its row: the details pane shows why, f starts it again",
      ),
    );
    // The TUI's own words: a TUI user has no `ferry status` at hand.
    expect(frame).not.toContain("ferry status");
    // The notice takes its lines from the list, not from the screen's height.
    expect(lines.length).toBeLessThanOrEqual(30);
    expect(frame).toContain("auth-api-pod");
    await app.type("j");
    await app.waitFor((f) => !f.includes("handed over") && f.includes("? help"));
  });

  it("a newer one is used as it is, and the user is told", async () => {
    const d = demoDaemon();
    const app = renderApp(
      d,
      { columns: 140, rows: 30 },
      {
        connect: async () => ({
          client: d.client(),
          newerDaemon: { daemon: "0.2.0", client: "0.1.0" },
        }),
      },
    );
    await app.waitFor(
      "ferryd 0.2.0 is newer than this TUI (0.1.0); using it as it is. Upgrade Ferry to match.",
    );
  });

  it("after a reconnect, a hand-over found on the way is shown with the reconnect", async () => {
    const d = demoDaemon();
    let connects = 0;
    const app = renderApp(
      d,
      { columns: 140, rows: 30 },
      {
        connect: async () => {
          connects += 1;
          return connects === 1 ? { client: d.client() } : { client: d.client(), handOver };
        },
      },
    );
    await app.waitFor("auth-api-pod");
    expect(app.lastFrame()).not.toContain("handed over");
    d.down = true;
    await app.waitFor("daemon unreachable");
    d.down = false;
    const back = await app.waitFor("handed over");
    expect(back).toContain("Reconnected: the daemon had stopped answering (fetch failed).");
    expect(back).toContain("1 of 2 forwards running again");
  });

  it("a hand-over is still said when the first connection failed after it", async () => {
    const d = demoDaemon();
    d.down = true; // the daemon that took over does not answer at first
    let connects = 0;
    const app = renderApp(
      d,
      { columns: 140, rows: 30 },
      {
        connect: async () => {
          connects += 1;
          if (connects === 1) return { client: d.client(), handOver };
          d.down = false; // the next attempt finds it answering, of this version: nothing to say
          return { client: d.client() };
        },
      },
    );
    const frame = await app.waitFor("handed over");
    expect(frame).toContain("1 of 2 forwards running again");
    expect(connects).toBeGreaterThan(1);
  });
});
