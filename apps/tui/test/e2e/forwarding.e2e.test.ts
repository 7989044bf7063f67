import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { daemonHome } from "./daemonHome.ts";
import { demoCluster } from "./demoCluster.ts";
import { freePort } from "./freePort.ts";
import { importExamples, importFile } from "./steps.ts";
import { TmuxTui } from "./tmuxTui.ts";

// The end-to-end points that move bytes: the real TUI in tmux, a real ferryd and
// kube-sim's demo cluster (no mock anywhere: real sockets, real port-forward streams).

interface StatusRow {
  alias: string;
  state: string;
  localAddress: string;
  localPort: number;
  pod: string | null;
}

describe("ferry-tui forwarding through kube-sim", () => {
  const demo = demoCluster();
  const { open } = demo;

  function setup() {
    const home = daemonHome();
    open.push({ close: home.cleanup });
    // "Open in browser" runs $BROWSER: this one writes down the URL it was given.
    const browser = join(home.home, "browser.sh");
    writeFileSync(browser, `#!/bin/sh\necho "$1" > "${join(home.home, "opened.txt")}"\n`, {
      mode: 0o755,
    });
    const env = {
      KUBECONFIG: demo.cluster().kubeconfigPath,
      FERRY_HOSTS_FILE: join(home.home, "hosts"),
      BROWSER: browser,
    };
    const tui = new TmuxTui({ home: home.home, kubeconfig: demo.cluster().kubeconfigPath, env });
    open.push(tui);
    const status = async () =>
      JSON.parse(await home.ferry(["status", "--json"], env)) as StatusRow[];
    return { home, tui, status };
  }

  /** Presses → on the focused picker, one choice at a time, until its line shows `value`. */
  async function pick(tui: TmuxTui, label: string, value: string) {
    const focused = new RegExp(`› ${label}\\s+(\\S*)`);
    const current = () => focused.exec(tui.screen())?.[1] ?? "";
    await tui.waitFor(/←→ \d+ choice/);
    for (let i = 0; i < 12 && current() !== value; i++) {
      const before = current();
      await tui.press("Right");
      // Wait for the screen to show the new choice before judging it (no overshoot).
      await tui.waitFor(() => current() !== before, 5_000).catch(() => {});
    }
    expect(current()).toBe(value);
  }

  /** Presses Tab until the form's cursor is on `label` (each press waits for the screen). */
  async function focusField(tui: TmuxTui, label: string) {
    const on = new RegExp(`› ${label}\\s`);
    for (let i = 0; i < 16 && !on.test(tui.screen()); i++) {
      const before = tui.screen();
      await tui.press("Tab");
      await tui.waitFor(() => tui.screen() !== before, 5_000).catch(() => {});
    }
    expect(tui.screen()).toMatch(on);
  }

  /** Moves the list's cursor down until it is on `alias`. */
  async function focusRow(tui: TmuxTui, alias: string) {
    const on = new RegExp(`›.\\s*${alias}`);
    for (let i = 0; i < 10 && !on.test(tui.screen()); i++) {
      const before = tui.screen();
      await tui.press("j");
      await tui.waitFor(() => tui.screen() !== before, 5_000).catch(() => {});
    }
    expect(tui.screen()).toMatch(on);
  }

  /** The port the row shows for `alias` (the bound one while running). */
  const shownPort = (screen: string, alias: string) =>
    Number(new RegExp(`${alias}\\s+\\S+\\s+127\\.0\\.0\\.\\d:(\\d+)`).exec(screen)?.[1]);

  it("imports by keys, starts web-frontend-svc with f, HTTP passes, ferry status agrees, f stops it", async () => {
    const { home, tui, status } = setup();
    await importExamples(tui);
    // Port 0 (edited in the TUI's own form): the OS picks a free port, so suites never collide.
    await tui.press("j", "Enter");
    await tui.waitFor("Edit web-frontend-svc");
    await focusField(tui, "Local port");
    await tui.press("BSpace", "BSpace", "BSpace", "BSpace");
    await tui.type("0");
    // Ctrl+S only once the screen shows the text: in one read with it, it would be typed text.
    await tui.waitFor(/› Local port\s+0\s/);
    await tui.press("C-s");
    await tui.waitFor("Saved web-frontend-svc.");

    await tui.press("f");
    const running = await tui.waitFor(
      /web-frontend-svc\s+svc\/frontend-service:80\s+127\.0\.0\.1:\d+\s+tcp\s+running/,
    );
    tui.save("forward-running");
    const port = shownPort(running, "web-frontend-svc");
    expect(port).toBeGreaterThan(0);

    const res = await fetch(`http://127.0.0.1:${port}/`);
    expect(res.status).toBe(200);
    await res.text();

    const row = (await status()).find((r) => r.alias === "web-frontend-svc");
    expect(row).toMatchObject({ state: "running", localAddress: "127.0.0.1", localPort: port });
    // Traffic reaches the screen: connections/bytes in the details pane.
    await tui.waitFor(/in [1-9][\d.]* (B|KiB)/);
    tui.save("forward-traffic");

    // o opens it in the browser, c and p copy the address and the pod name (OSC 52).
    await tui.press("o");
    await tui.waitFor(`Opened http://127.0.0.1:${port}/`);
    // The script's `>` creates the file before echo writes it: wait for the line, not the file.
    const opened = join(home.home, "opened.txt");
    const url = () => (existsSync(opened) ? readFileSync(opened, "utf8") : "");
    await tui.waitFor(() => url().endsWith("\n"));
    expect(url().trim()).toBe(`http://127.0.0.1:${port}/`);
    await tui.press("c");
    await tui.waitFor("Copied the address");
    expect(tui.clipboard()).toBe(`127.0.0.1:${port}`);
    await tui.press("p");
    await tui.waitFor("Copied the pod name");
    expect(tui.clipboard()).toBe(row?.pod);

    await tui.press("f");
    await tui.waitFor(/web-frontend-svc\s+\S+\s+\S+\s+tcp\s+stopped/);
    tui.save("forward-stopped");
    expect((await status()).find((r) => r.alias === "web-frontend-svc")?.state).toBe("stopped");
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it("groups by the configs' group with b and starts and stops one group with S and X", async () => {
    const { home, tui, status } = setup();
    // Two forwards of group "web" and one outside it, on ports the OS just had free (a config's
    // identity includes its ports, so three port-0 copies would import as one).
    const [a, b, c] = [await freePort(), await freePort(), await freePort()];
    const web = { context: "dev-cluster", namespace: "webapp", workload_type: "service" };
    const file = join(home.home, "grouped.json");
    writeFileSync(
      file,
      JSON.stringify([
        {
          ...web,
          alias: "web-a",
          service: "frontend-service",
          remote_port: 80,
          local_port: a,
          group: "web",
        },
        {
          ...web,
          alias: "web-b",
          service: "frontend-service",
          remote_port: 80,
          local_port: b,
          group: "web",
        },
        { ...web, alias: "other", service: "frontend-service", remote_port: 80, local_port: c },
      ]),
    );
    await importFile(tui, file);
    await tui.press("b");
    await tui.waitFor(/▾ web \(2\)/);
    await focusRow(tui, "web-a");
    await tui.press("S");
    await tui.waitFor(/web-a\s+\S+\s+\S+\s+tcp\s+running/);
    await tui.waitFor(/web-b\s+\S+\s+\S+\s+tcp\s+running/);
    tui.save("group-started");
    const states = async () => Object.fromEntries((await status()).map((r) => [r.alias, r.state]));
    expect(await states()).toEqual({ "web-a": "running", "web-b": "running", other: "stopped" });
    await tui.press("X");
    await tui.waitFor(/web-a\s+\S+\s+\S+\s+tcp\s+stopped/);
    await tui.waitFor(/web-b\s+\S+\s+\S+\s+tcp\s+stopped/);
    expect(await states()).toEqual({ "web-a": "stopped", "web-b": "stopped", other: "stopped" });
  });

  it("adds a config with every field set in the form, ferry config show agrees, and it works", async () => {
    const { home, tui, status } = setup();
    await tui.waitFor("No configs yet");
    await tui.press("n");
    await tui.waitFor("Add a config");
    await tui.type("web-form");
    await tui.waitFor(/› Alias\s+web-form\s/);
    await tui.press("Tab");
    await pick(tui, "Context", "dev-cluster");
    await tui.press("Tab"); // Kubeconfig: --kubeconfig's, filled in
    await tui.waitFor(/› Kubeconfig\s+\S+/);
    await tui.press("Tab");
    await pick(tui, "Namespace", "webapp");
    await tui.press("Tab", "Tab");
    await pick(tui, "Service", "frontend-service");
    await tui.press("Tab", "Tab");
    await pick(tui, "Remote port", "80");
    await tui.press("Tab");
    await tui.type("0");
    await tui.waitFor(/› Local port\s+0\s/);
    await tui.press("Tab", "BSpace");
    await tui.type("2");
    await tui.waitFor(/› Local address\s+127\.0\.0\.2\s/);
    await tui.press("Tab", "Space", "Tab", "Space", "Tab", "Space", "Tab");
    await tui.type("team-a");
    await tui.waitFor(/› Group\s+team-a\s/);
    tui.save("form-filled");
    await tui.press("C-s");
    await tui.waitFor("Saved web-form.");
    const shown = JSON.parse(await home.ferry(["config", "show", "web-form", "--json"]));
    expect(shown).toMatchObject({
      alias: "web-form",
      context: "dev-cluster",
      kubeconfig: demo.cluster().kubeconfigPath,
      namespace: "webapp",
      workload_type: "service",
      service: "frontend-service",
      protocol: "tcp",
      remote_port: 80,
      local_port: 0,
      local_address: "127.0.0.2",
      domain_enabled: true,
      auto_start: true,
      http_logs_enabled: true,
      group: "team-a",
    });

    await tui.press("f");
    const running = await tui.waitFor(
      /web-form\s+svc\/frontend-service:80\s+127\.0\.0\.2:\d+\s+tcp\s+running/,
    );
    tui.save("form-forward-running");
    const port = shownPort(running, "web-form");
    const res = await fetch(`http://127.0.0.2:${port}/`);
    expect(res.status).toBe(200);
    await res.text();
    expect((await status()).find((r) => r.alias === "web-form")).toMatchObject({
      state: "running",
      localPort: port,
    });
    await tui.press("f");
    await tui.waitFor(/web-form\s+\S+\s+\S+\s+tcp\s+stopped/);
  });

  it("a pod forward picks its selector from the cluster's labels, sees the pod it matches, on a free loopback address", async () => {
    const { home, tui } = setup();
    await tui.waitFor("No configs yet");
    await tui.press("n");
    await tui.waitFor("Add a config");
    await tui.type("auth-pods");
    // Typed text and a key in one read are one input: let the text land first.
    await tui.waitFor(/› Alias\s+auth-pods\s/);
    await tui.press("Tab");
    await pick(tui, "Context", "dev-cluster");
    await tui.press("Tab", "Tab");
    await pick(tui, "Namespace", "backend");
    await tui.press("Tab");
    await pick(tui, "Workload", "pod");
    await tui.press("Tab");
    await pick(tui, "Pod labels", "app=auth");
    await tui.waitFor(/1 pod match: auth-\S+/);
    tui.save("form-pod-picker");
    await tui.press("Tab", "Tab");
    await pick(tui, "Remote port", "8080");
    await tui.press("Tab", "Tab");
    await tui.waitFor("free: 127.0.0.2, 127.0.0.3, 127.0.0.4");
    await tui.press("Right");
    await tui.waitFor(/› Local address\s+127\.0\.0\.2\s/);
    tui.save("form-loopback-suggestions");
    await tui.press("C-s");
    await tui.waitFor("Saved auth-pods.");
    const shown = JSON.parse(await home.ferry(["config", "show", "auth-pods", "--json"]));
    expect(shown).toMatchObject({
      workload_type: "pod",
      target: "app=auth",
      remote_port: 8080,
      local_address: "127.0.0.2",
    });
  });
});
