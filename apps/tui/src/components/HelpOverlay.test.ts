import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { renderApp } from "../../test/support/renderApp.tsx";
import { KEY_HELP } from "../model/keymap.ts";

afterEach(cleanup);

describe("the help overlay", () => {
  it("lists every key on ? and closes on any key", async () => {
    const app = renderApp(demoDaemon());
    await app.waitFor("auth-api-pod");
    await app.type("?");
    const frame = await app.waitFor("Ferry keys");
    for (const k of KEY_HELP) {
      expect(frame).toContain(k.keys);
      expect(frame).toContain(k.text);
    }
    expect(frame.split("\n").length).toBeLessThan(24);
    await app.type("x");
    await app.waitFor("auth-api-pod");
  });
});
