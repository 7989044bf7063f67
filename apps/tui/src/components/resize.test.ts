import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

const fits = (frame: string, columns: number, rows: number) => {
  const lines = frame.split("\n");
  // Strictly fewer lines than rows: a full-height frame makes Ink clear the screen (flicker).
  expect(lines.length).toBeLessThan(rows);
  for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
};

describe("layout", () => {
  it("fits 80x24 and follows a resize to a larger and a smaller terminal", async () => {
    const d = demoDaemon();
    const web = d.configs[0]!;
    d.rows.set(web.id, { ...d.row(web), state: "running", pod: "frontend-1" });
    const app = renderApp(d, { columns: 80, rows: 24 });
    fits(await app.waitFor(/web-frontend-svc.*running/), 80, 24);

    app.resize({ columns: 140, rows: 40 });
    d.push("traffic", { ...d.row(web), bytesIn: 100, bytesOut: 100 });
    d.push("traffic", { ...d.row(web), bytesIn: 300, bytesOut: 100 });
    const wide = await app.waitFor((f) => f.split("\n").some((l) => [...l].length > 100));
    fits(wide, 140, 40);
    expect(wide).toContain("private-redis-proxy"); // full alias once there is room
    expect(wide).toMatch(/web-frontend-svc.*running.*▁.*B\/s/); // sparkline and rate in the row

    app.resize({ columns: 60, rows: 16 });
    const small = await app.waitFor((f) => f.split("\n").every((l) => [...l].length <= 60));
    fits(small, 60, 16);
    expect(small).toContain("auth-api-pod");
  });

  it("re-renders nothing while nothing changes (no render storm)", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    // Settled: the snapshot is in and no frame came for 150 ms (on a loaded machine the
    // start-up reads can land later than any fixed pause). A storm never settles.
    await vi.waitFor(() => expect(d.calls).toContain("status"), { timeout: 10_000 });
    await vi.waitFor(
      async () => {
        const n = app.frames.length;
        await new Promise((r) => setTimeout(r, 150));
        expect(app.frames.length).toBe(n);
      },
      { timeout: 10_000, interval: 0 },
    );
    const before = app.frames.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(app.frames.length - before).toBeLessThanOrEqual(1);
  });
});
