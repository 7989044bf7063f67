import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type KubeSim, startKubeSim } from "@ferry/kube-sim";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { daemonHome } from "./daemonHome.ts";
import { freePort } from "./freePort.ts";
import { type Recorded, startRecorder } from "./recorder.ts";
import { importFile } from "./steps.ts";
import { TmuxTui } from "./tmuxTui.ts";

// Issue 17 in the TUI: kftui's l, L, V, r and o against a real ferryd and kube-sim, with a
// recorder server as the pod so a replay is seen arriving a second time.

let sim: KubeSim;
let recorder: Awaited<ReturnType<typeof startRecorder>>;
const open: { close: () => unknown }[] = [];

beforeAll(async () => {
  recorder = await startRecorder();
  sim = await startKubeSim({ scenario: recorder.scenario });
});
afterAll(async () => {
  await sim?.close();
  await recorder?.close();
});
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
});

describe("the TUI's HTTP log (kftui keys l, L, V, r, o)", () => {
  it("l turns logging on live, V shows a new exchange, Enter shows it, r replays it to the pod, o opens the file", async () => {
    const home = daemonHome();
    open.push({ close: home.cleanup });
    const port = await freePort();
    const configs = join(home.home, "rec.json");
    writeFileSync(
      configs,
      JSON.stringify([
        {
          alias: "rec",
          context: "sim",
          kubeconfig: sim.kubeconfigPath,
          namespace: "default",
          workload_type: "service",
          service: "recorder",
          remote_port: 80,
          local_port: port,
        },
      ]),
    );
    // $EDITOR: writes down the file it was asked to open.
    const editor = join(home.home, "editor.sh");
    writeFileSync(editor, `#!/bin/sh\necho "$1" > "${join(home.home, "edited.txt")}"\n`, {
      mode: 0o755,
    });
    const tui = new TmuxTui({
      home: home.home,
      kubeconfig: sim.kubeconfigPath,
      columns: 120,
      rows: 30,
      env: { KUBECONFIG: sim.kubeconfigPath, EDITOR: editor },
    });
    open.push(tui);
    await importFile(tui, configs);
    await tui.press("f");
    await tui.waitFor(/rec\s.*running/);
    await tui.press("l");
    await tui.waitFor("HTTP logs on for rec.");
    await tui.waitFor(/pod .* · HTTP log on/); // the details pane says so
    const shown = JSON.parse(await home.ferry(["config", "show", "rec", "--json"]));
    expect(shown.http_logs_enabled).toBe(true);

    // An exchange made after logging went on (no restart in between).
    const res = await fetch(`http://127.0.0.1:${port}/orders?id=7`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "two apples",
    });
    expect(res.status).toBe(200);
    await res.text();
    // The header counts it live (logs.follow).
    await tui.waitFor("1 new HTTP exchange");
    // So does the details pane (the forward's own count, read again on the followed exchange).
    await tui.waitFor("HTTP log on, 1 exchange (V)");
    await tui.press("V");
    const list = await tui.waitFor(/POST\s+\/orders\?id=7\s+200/);
    expect(list).toContain("1 exchanges");
    tui.save("http-log-viewer");
    await tui.press("Enter");
    const full = await tui.waitFor("two apples");
    expect(full).toContain("POST /orders?id=7 HTTP/1.1");
    expect(full).toContain("HTTP/1.1 200 OK");
    tui.save("http-log-exchange");

    await tui.press("r");
    await tui.waitFor("Replayed POST /orders?id=7: 200");
    const twice = (r: Recorded) => r.method === "POST" && r.url === "/orders?id=7";
    await expect.poll(() => recorder.seen.filter(twice).length).toBe(2);
    expect(recorder.seen.filter(twice).map((r) => r.body)).toEqual(["two apples", "two apples"]);
    // The replay is logged as a new exchange.
    await tui.press("Escape");
    await tui.waitFor("2 exchanges");

    await tui.press("o");
    await tui.waitFor("Edited ");
    const edited = readFileSync(join(home.home, "edited.txt"), "utf8").trim();
    expect(edited).toMatch(/\.http$/);
    expect(readFileSync(edited, "utf8")).toContain("POST ");
    await tui.press("Escape");
    await tui.waitFor(/rec\s.*running/);
  });

  it("L sets the size limit, retention and cleanup; a limit of 0 is refused beside its field", async () => {
    const home = daemonHome();
    open.push({ close: home.cleanup });
    const configs = join(home.home, "rec.json");
    writeFileSync(
      configs,
      JSON.stringify([
        {
          alias: "rec2",
          context: "sim",
          namespace: "default",
          workload_type: "service",
          service: "recorder",
          remote_port: 80,
          local_port: await freePort(),
        },
      ]),
    );
    const tui = new TmuxTui({
      home: home.home,
      kubeconfig: sim.kubeconfigPath,
      columns: 100,
      rows: 30,
    });
    open.push(tui);
    await importFile(tui, configs);
    await tui.press("L");
    await tui.waitFor("HTTP logs of rec2");
    await tui.press("C-u");
    await tui.type("0");
    await tui.waitFor(/› Max file size\s+0\s/);
    await tui.press("Enter");
    const refused = await tui.waitFor("↳ expected a whole number of bytes > 0, got 0");
    tui.save("http-log-settings-refused");
    expect(refused).toContain("Fix the fields marked in red.");
    expect(refused).not.toContain("whole number of days"); // empty is "not given", not an error
    await tui.press("BSpace");
    await tui.type("2097152");
    await tui.waitFor(/› Max file size\s+2097152\s/);
    await tui.press("Tab");
    await tui.press("C-u");
    await tui.type("3");
    await tui.waitFor(/› Retention days\s+3\s/);
    await tui.press("Tab", "Space");
    await tui.waitFor(/› Auto cleanup\s+\[x\] yes/);
    await tui.press("C-s");
    await tui.waitFor("HTTP log settings saved for rec2.");
    const shown = JSON.parse(await home.ferry(["config", "show", "rec2", "--json"]));
    expect(shown).toMatchObject({
      http_logs_max_file_size: 2097152,
      http_logs_retention_days: 3,
      http_logs_auto_cleanup: true,
    });
    // Nothing was stored by the refused save in between.
    expect(shown.http_logs_max_file_size).not.toBe(0);
  });
});
