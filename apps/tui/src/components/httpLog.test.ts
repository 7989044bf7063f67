import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { KEY, renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

let n = 0;
const exchange = (configId: number, method: string, path: string, body = "") => ({
  traceId: `trace-${++n}`,
  configId,
  requestAt: Date.now(),
  responseAt: Date.now() + 5,
  durationMs: 5,
  method,
  url: path,
  status: 200,
  requestBytes: body.length,
  responseBytes: 20,
  requestHeaders: [["content-type", "text/plain"]] as [string, string][],
  responseHeaders: [["content-type", "application/json"]] as [string, string][],
  requestBody: body,
  responseBody: '{"ok": true}',
  httpVersion: "1.1",
  statusText: "OK",
});

describe("the HTTP log viewer (V)", () => {
  it("lists the row's exchanges, follows new ones, shows one in full and replays it", async () => {
    const d = demoDaemon();
    const web = d.configs[0]!; // web-frontend-svc, the second row (contexts sort dev first)
    d.logExchange(exchange(web.id, "GET", "/first"));
    const app = renderApp(d, { columns: 120, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("j", "V");
    await app.waitFor("HTTP log: web-frontend-svc · 1 exchanges · auto-scroll on");
    // A new exchange is pushed: it shows, and auto-scroll puts the cursor on it.
    d.logExchange(exchange(web.id, "POST", "/orders?id=7", "two apples"));
    const followed = await app.waitFor("2 exchanges");
    expect(followed.split("\n").find((l) => l.includes("› "))).toMatch(
      /POST\s+\/orders\?id=7\s+200/,
    );
    // a: auto-scroll off; the cursor stays where it is when more arrive.
    await app.type("a", KEY.up);
    await app.waitFor("auto-scroll off");
    d.logExchange(exchange(web.id, "GET", "/third"));
    const still = await app.waitFor("3 exchanges");
    expect(still.split("\n").find((l) => l.includes("› "))).toContain("/first");
    await app.type(KEY.down, KEY.enter);
    const full = await app.waitFor("two apples");
    expect(full).toContain("POST /orders?id=7 HTTP/1.1");
    expect(full).toContain("HTTP/1.1 200 OK");
    await app.type("r");
    await app.waitFor("Replayed POST /orders?id=7: 200 in 3 ms (logged as a new exchange)");
    await app.type(KEY.esc);
    await app.waitFor("Enter in full"); // the list again
    expect(app.lastFrame()).toContain("4 exchanges");
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
  });

  it("counts a forward's exchanges in the details pane live, with no status event", async () => {
    const d = demoDaemon();
    const web = d.configs[0]!;
    const httpLog = { enabled: true, file: "/tmp/web.http", exchanges: 0 };
    d.push("status", { ...d.row(web), state: "running", pod: "web-1", httpLog });
    const app = renderApp(d, { columns: 120, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("j");
    await app.waitFor("HTTP log on, 0 exchanges (V)");
    await expect.poll(() => d.followers).toBe(1);
    // The daemon counts an exchange and announces it on logs.follow; no forwards.events row.
    d.logExchange(exchange(web.id, "GET", "/a"));
    await app.waitFor("HTTP log on, 1 exchange (V)");
    d.logExchange(exchange(web.id, "GET", "/b"));
    d.logExchange(exchange(web.id, "GET", "/c"));
    await app.waitFor("HTTP log on, 3 exchanges (V)");
  });

  it("counts new exchanges of any forward in the header until the viewer is opened", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 120, rows: 30 });
    await app.waitFor("auth-api-pod");
    await expect.poll(() => d.followers).toBe(1);
    d.logExchange(exchange(d.configs[1]!.id, "GET", "/a"));
    d.logExchange(exchange(d.configs[0]!.id, "GET", "/b"));
    await app.waitFor("2 new HTTP exchanges (V)");
    await app.type("V");
    await app.waitFor("HTTP log: auth-api-pod");
    await app.type(KEY.esc);
    const after = await app.waitFor("auth-api-pod");
    expect(after).not.toContain("new HTTP exchange");
  });
});
