import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

describe("a daemon that goes away", () => {
  it("is reported, reconnected through connect(), and the screen comes back", async () => {
    const d = demoDaemon();
    let connects = 0;
    const app = renderApp(d, undefined, {
      connect: async () => {
        connects += 1;
        return { client: d.client() };
      },
    });
    await app.waitFor("auth-api-pod");
    expect(connects).toBe(1);
    d.down = true;
    const frame = await app.waitFor("daemon unreachable");
    expect(frame).toContain("reconnecting to the daemon");
    expect(frame).toContain("fetch failed");
    d.down = false;
    const back = await app.waitFor(
      "Reconnected: the daemon had stopped answering (fetch failed).",
      10_000,
    );
    expect(back).not.toContain("unreachable");
    expect(back).toContain("auth-api-pod");
    expect(connects).toBeGreaterThan(1);
  });

  it("keeps trying when the first connect fails", async () => {
    const d = demoDaemon();
    let fail = true;
    const app = renderApp(d, undefined, {
      connect: async () => {
        if (fail)
          throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), {
            code: "ECONNREFUSED",
          });
        return { client: d.client() };
      },
    });
    await app.waitFor("ECONNREFUSED");
    fail = false;
    await app.waitFor("auth-api-pod", 10_000);
  });
});
