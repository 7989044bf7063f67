import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { KEY, renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

describe("the config list", () => {
  it("groups configs by context with target, local address, protocol and state", async () => {
    const app = renderApp(demoDaemon());
    const frame = await app.waitFor("private-redis-pr");
    const lines = frame.split("\n");
    const dev = lines.findIndex((l) => l.includes("dev-cluster (2)"));
    const prod = lines.findIndex((l) => l.includes("prod-cluster (2)"));
    expect(dev).toBeGreaterThanOrEqual(0);
    expect(prod).toBeGreaterThan(dev);
    const web = lines.find((l) => l.includes("web-frontend-svc")) ?? "";
    expect(web).toContain("svc/frontend-service:80");
    expect(web).toContain("127.0.0.1:8080");
    expect(web).toContain("tcp");
    expect(web).toContain("stopped");
    expect(frame).toContain("pod/app=auth:8080");
    expect(frame).toContain("127.0.0.2:9001");
    expect(frame).toContain("proxy/redis-master");
    expect(frame).toContain("udp");
  });

  it("shows the live state as a word after f starts and stops the row", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    // Rows sort by alias within a context: auth-api-pod first, then web-frontend-svc.
    await app.type("j", "f");
    await app.waitFor(/web-frontend-svc.*running/);
    expect(d.calls).toContain("start 1");
    await app.type("f");
    await app.waitFor(/web-frontend-svc.*stopped/);
    expect(d.calls).toContain("stop 1");
  });

  it("moves with arrows, j/k, Home/End and starts every selected row", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type(KEY.down, KEY.down, " ", "k", " ");
    await app.waitFor("2 selected");
    await app.type("f");
    await app.waitFor(/cluster-dns-udp.*running/);
    const frame = await app.waitFor(/web-frontend-svc.*running/);
    expect(frame).toMatch(/auth-api-pod.*stopped/);
    await app.type("a");
    await app.waitFor("4 selected");
    await app.type("a");
    await app.waitFor((t) => !t.includes("selected"));
  });

  it("starts all with s and stops all with x", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("s");
    await app.waitFor("4 running");
    expect(d.calls).toContain("startAll");
    await app.type("x");
    await app.waitFor("0 running");
    expect(d.calls).toContain("stopAll");
  });

  it("deletes only after confirmation", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("d");
    await app.waitFor("Delete auth-api-pod? y to confirm");
    await app.type("n");
    await app.waitFor("Nothing deleted.");
    expect(d.configs).toHaveLength(4);
    await app.type("d", "y");
    await app.waitFor("Deleted 1 config.");
    await app.waitFor((t) => !t.includes("auth-api-pod"));
    expect(d.configs.map((c) => c.alias)).not.toContain("auth-api-pod");
  });

  it("imports and exports a file by path", async () => {
    const d = demoDaemon();
    const dir = mkdtempSync(join(tmpdir(), "ferry-tui-files-"));
    const more = join(dir, "more.json");
    writeFileSync(
      more,
      JSON.stringify([{ ...d.configs[0]!, alias: "extra-svc", local_port: 8181 }]),
    );
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("i");
    await app.waitFor("Import a file");
    // Tab: type a path instead of browsing; the prompt starts in the folder shown.
    await app.type(KEY.tab);
    await app.waitFor("Import from file:");
    // Ctrl+U clears the prompt, and the path goes in as one paste: 400 keys at 15 ms each (and a
    // render each) took longer than the test's time on a loaded 2-core machine.
    await app.type(KEY.ctrlU);
    await app.waitFor((f) => /Import from file: *$/m.test(f));
    await app.type(more);
    await app.waitFor(more);
    await app.type(KEY.enter);
    await app.waitFor(`Imported ${more}: 1 added`);
    await app.waitFor("extra-svc");
    const out = join(dir, "out.json");
    await app.type("e");
    await app.waitFor("Export to a folder");
    await app.type(KEY.tab);
    await app.waitFor("Export to file:");
    await app.type(KEY.ctrlU);
    await app.waitFor((f) => /Export to file: *$/m.test(f));
    await app.type(out);
    await app.waitFor(out);
    await app.type(KEY.enter);
    await app.waitFor(`Exported 5 configs to ${out}.`);
    expect(JSON.parse(readFileSync(out, "utf8"))).toHaveLength(5);
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows a spinner for a slow call and Esc cancels it", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    let release = () => {};
    d.hold = new Promise((r) => {
      release = r;
    });
    await app.type("f");
    await app.waitFor("starting… (Esc cancels)");
    await app.type(KEY.esc);
    await app.waitFor("Cancelled.");
    d.hold = null;
    release();
  });
});

describe("the import file browser", () => {
  it("walks folders and imports the JSON file chosen with Enter", async () => {
    const d = demoDaemon();
    const dir = mkdtempSync(join(tmpdir(), "ferry-browse-"));
    mkdirSync(join(dir, "team"));
    const extra = { ...d.configs[0]!, alias: "from-browser", local_port: 8282 };
    writeFileSync(join(dir, "team", "shared.json"), JSON.stringify([extra]));
    writeFileSync(join(dir, "notes.txt"), "not offered");
    const app = renderApp(d, { columns: 100, rows: 30 }, { cwd: dir });
    await app.waitFor("auth-api-pod");
    await app.type("i");
    const top = await app.waitFor("team/");
    expect(top).toContain("..");
    expect(top).not.toContain("notes.txt");
    await app.type("j", KEY.enter);
    await app.waitFor("shared.json");
    await app.type(KEY.left); // back up (the cursor starts on ..), and in again
    await app.waitFor("team/");
    await app.type("j", KEY.enter);
    await app.waitFor("shared.json");
    await app.type("j", KEY.enter);
    await app.waitFor(`Imported ${join(dir, "team", "shared.json")}: 1 added`);
    await app.waitFor("from-browser");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("the export file browser", () => {
  it("walks to a folder, names the file there, and writes the export whole", async () => {
    const d = demoDaemon();
    const dir = mkdtempSync(join(tmpdir(), "ferry-export-"));
    mkdirSync(join(dir, "backups"));
    const app = renderApp(d, { columns: 100, rows: 30 }, { cwd: dir });
    await app.waitFor("auth-api-pod");
    await app.type("e");
    await app.waitFor("backups/");
    await app.type("j", KEY.enter);
    await app.waitFor(join(dir, "backups"));
    await app.type(KEY.tab);
    const target = join(dir, "backups", "ferry-configs.json");
    await app.waitFor(`Export to file: ${target}`);
    await app.type(KEY.enter);
    await app.waitFor(`Exported 4 configs to ${target}.`);
    expect(JSON.parse(readFileSync(target, "utf8"))).toHaveLength(4);
    expect(readdirSync(join(dir, "backups"))).toEqual(["ferry-configs.json"]); // no temp file left
    // Choosing the existing file offers it on the prompt: overwriting is one more Enter.
    await app.type("e", "j", KEY.enter);
    await app.waitFor("ferry-configs.json");
    await app.type("j", KEY.enter);
    await app.waitFor(`Export to file: ${target}`);
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("group by", () => {
  it("groups by the configs' group with b, and S / X start and stop the cursor's group", async () => {
    const d = demoDaemon();
    d.configs[0]!.group = "web";
    d.configs[1]!.group = "web";
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("b");
    const frame = await app.waitFor("by group");
    expect(frame).toContain("▾ web (2)");
    expect(frame).toContain("▾ (no group) (2)");
    // "(no group)" sorts first: move to the web group's first row.
    await app.type("j", "j", "S");
    await app.waitFor(/web-frontend-svc.*running/);
    const started = await app.waitFor(/auth-api-pod.*running/);
    expect(started).toMatch(/cluster-dns-udp.*stopped/);
    expect(d.calls).toContain("start group web");
    await app.type("X");
    await app.waitFor("0 running");
    expect(d.calls).toContain("stop group web");
  });
});

describe("keys arriving together", () => {
  it("handles each key of one read in turn", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    app.stdin.write("jf");
    await app.waitFor(/web-frontend-svc.*running/);
    expect(d.calls).toContain("start 1");
  });
});
