import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { KEY, renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

describe("the / filter", () => {
  it("narrows the list as you type and Esc clears it", async () => {
    const app = renderApp(demoDaemon());
    await app.waitFor("auth-api-pod");
    await app.type("/", ..."prod");
    const frame = await app.waitFor((t) => !t.includes("auth-api-pod"));
    expect(frame).toContain("cluster-dns-udp");
    expect(frame).toContain("private-redis-pr");
    expect(frame).not.toContain("web-frontend-svc");
    expect(frame).not.toContain("dev-cluster");
    await app.type(KEY.enter);
    await app.waitFor("filter: prod");
    await app.type(KEY.esc);
    await app.waitFor("web-frontend-svc");
  });

  it("matches targets and says when nothing matches", async () => {
    const app = renderApp(demoDaemon());
    await app.waitFor("auth-api-pod");
    await app.type("/", ..."app=auth");
    const frame = await app.waitFor((t) => !t.includes("web-frontend-svc"));
    expect(frame).toContain("auth-api-pod");
    await app.type(..." zzz");
    await app.waitFor('No config matches "app=auth zzz"');
  });
});
