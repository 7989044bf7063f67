import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cleanup } from "ink-testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { KEY, renderApp } from "../../test/support/renderApp.tsx";

afterEach(cleanup);

const lineWith = (frame: string, text: string) =>
  frame.split("\n").find((l) => l.includes(text)) ?? "";
/** A field's line and the line under it, where its message goes. */
const fieldText = (frame: string, label: string) => {
  const lines = frame.split("\n");
  const at = lines.findIndex((l) => l.includes(label));
  return `${lines[at] ?? ""}\n${lines[at + 1] ?? ""}`;
};
/** Tab presses from Alias (the first field) to the field at `index` in the service form. */
const tabs = (n: number) => Array.from({ length: n }, () => KEY.tab);
// Field order (a service config): Alias, Context, Kubeconfig, Namespace, Workload, Service,
// Protocol, Remote port, Local port, Local address, Hosts entry, Start with daemon, HTTP logs,
// Group.

describe("the add/edit form", () => {
  it("fills context, namespace, service and port from the cluster, sets the flags and saves", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 80, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("n");
    await app.waitFor("Add a config");
    await app.type(..."web-new", KEY.tab);
    await app.waitFor("2 choices"); // contexts loaded for the focused field
    await app.type(KEY.right); // dev-cluster
    await app.waitFor(/Context\s+dev-cluster/);
    await app.type(KEY.tab, ..."/tmp/kc.yaml", KEY.tab);
    await app.waitFor(/Kubeconfig\s+\/tmp\/kc.yaml/);
    await app.waitFor("2 choices");
    await app.type(KEY.right, KEY.right); // backend -> webapp
    await app.waitFor(/Namespace\s+webapp/);
    await app.type(KEY.tab, KEY.tab); // workload stays "service"
    await app.waitFor("2 choices");
    await app.type(KEY.right); // frontend-service
    await app.waitFor(/Service\s+frontend-service/);
    await app.type(KEY.tab, KEY.tab); // protocol stays tcp
    await app.waitFor("2 choices"); // ports 80, 9090
    await app.type(KEY.right);
    await app.waitFor(/Remote port\s+80/);
    await app.type(KEY.tab, ..."18080", KEY.tab, KEY.tab, " ", KEY.tab, KEY.right);
    await app.type(KEY.tab, KEY.tab, ..."team-a");
    await app.waitFor(/Group\s+team-a/);
    await app.type(KEY.ctrlS);
    await app.waitFor("Saved web-new.");
    expect(d.configs.find((c) => c.alias === "web-new")).toMatchObject({
      context: "dev-cluster",
      kubeconfig: "/tmp/kc.yaml",
      namespace: "webapp",
      service: "frontend-service",
      remote_port: 80,
      local_port: 18080,
      domain_enabled: true,
      auto_start: true,
      http_logs_enabled: false,
      group: "team-a",
    });
    expect(lineWith(await app.waitFor("web-new"), "web-new")).toContain("svc/frontend-service:80");
  });

  it("shows validation messages beside each bad field and saves nothing", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 80, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("n");
    await app.waitFor("Add a config");
    await app.type(...tabs(7), ..."http", KEY.tab, ..."x1");
    await app.type(KEY.ctrlS);
    const frame = await app.waitFor("Fix the fields marked in red.");
    expect(fieldText(frame, "Namespace")).toContain("expected a namespace name");
    expect(fieldText(frame, "Service")).toContain('required when workload_type is "service"');
    expect(fieldText(frame, "Remote port")).toContain('expected an integer 1-65535, got "http"');
    expect(fieldText(frame, "Local port")).toContain("expected an integer 0-65535");
    expect(d.calls).not.toContain("createConfig");
    // Fixing a field clears its message as you type.
    await app.type(KEY.up, KEY.up, KEY.up, KEY.up, KEY.up, ..."webapp");
    const fixed = await app.waitFor(/Namespace\s+webapp/);
    expect(fieldText(fixed, "Namespace")).not.toContain("expected a namespace name");
  });

  it("warns beside the field about a local port another config uses, saves it, and the clash shows at start", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 80, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("j", "f"); // web-frontend-svc (local port 8080) runs
    await app.waitFor(/web-frontend-svc.*running/);
    await app.type("n");
    await app.waitFor("Add a config");
    await app.type(..."web-copy", ...tabs(3), ..."webapp", KEY.tab, KEY.tab, ..."other");
    await app.type(KEY.tab, KEY.tab, ..."80", KEY.tab, ..."8080");
    const warned = await app.waitFor("also uses 127.0.0.1:8080");
    expect(fieldText(warned, "Local port")).toContain(
      "config 'web-frontend-svc' also uses 127.0.0.1:8080",
    );
    await app.type(KEY.ctrlS);
    await app.waitFor("Saved web-copy.");
    expect(d.configs.filter((c) => c.local_port === 8080)).toHaveLength(2);
    await app.type("f"); // the cursor is on the saved config
    const frame = await app.waitFor("already used by config 'web-frontend-svc'");
    expect(lineWith(frame, "web-copy")).toContain("error");
  });

  it("shows the daemon's refusal of a taken alias beside the Alias field and keeps the form open", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 80, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("n");
    await app.waitFor("Add a config");
    await app.type(..."auth-api-pod", ...tabs(3), ..."webapp", KEY.tab, KEY.tab, ..."other");
    await app.type(KEY.tab, KEY.tab, ..."80", KEY.ctrlS);
    const frame = await app.waitFor('alias "auth-api-pod" is already used by another config');
    expect(frame).toContain("Add a config");
    expect(fieldText(frame, "Alias")).toContain("already used by another config");
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
    expect(d.configs).toHaveLength(4);
  });

  it("edits the row under the cursor with its values filled in", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 80, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("j", KEY.enter);
    const frame = await app.waitFor("Edit web-frontend-svc");
    expect(frame).toMatch(/Service\s+frontend-service/);
    expect(frame).toMatch(/Local port\s+8080/);
    await app.type(...tabs(8), KEY.backspace, KEY.backspace, KEY.backspace, KEY.backspace);
    await app.type(..."9999", KEY.ctrlS);
    await app.waitFor("Saved web-frontend-svc.");
    expect(d.configs.find((c) => c.alias === "web-frontend-svc")?.local_port).toBe(9999);
  });
});

describe("the kubeconfig field", () => {
  it("takes a file chosen in the browser with Ctrl+O", async () => {
    const d = demoDaemon();
    const dir = mkdtempSync(join(tmpdir(), "ferry-kube-"));
    writeFileSync(join(dir, "config-staging"), "apiVersion: v1\n");
    const app = renderApp(d, { columns: 100, rows: 30 }, { cwd: dir });
    await app.waitFor("auth-api-pod");
    await app.type("n", KEY.tab, KEY.tab);
    await app.waitFor(/› Kubeconfig/);
    await app.type("\u000f"); // Ctrl+O
    await app.waitFor("Choose a kubeconfig");
    await app.waitFor("config-staging"); // any file, not only .json
    await app.type("j", KEY.enter);
    const frame = await app.waitFor("Add a config");
    expect(frame).toMatch(new RegExp(`Kubeconfig\\s+${join(dir, "config-staging")}`));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("duplicate", () => {
  it("opens the form filled from the row, alias with -copy, local port 0, and saves a new config", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 80, rows: 30 });
    await app.waitFor("auth-api-pod");
    await app.type("j", "D");
    const frame = await app.waitFor("Duplicate web-frontend-svc");
    expect(frame).toMatch(/Alias\s+web-frontend-svc-copy/);
    expect(frame).toMatch(/Service\s+frontend-service/);
    expect(frame).toMatch(/Local port\s+0/);
    await app.type(KEY.ctrlS);
    await app.waitFor("Saved web-frontend-svc-copy.");
    const [original, copy] = d.configs.filter((c) => c.service === "frontend-service");
    expect(copy).toMatchObject({
      ...original,
      id: copy!.id,
      alias: "web-frontend-svc-copy",
      local_port: 0,
    });
  });
});

describe("the form's pickers", () => {
  it("picks a pod selector from the namespace's labels, shows the pods it matches, and the port", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 120, rows: 34 });
    await app.waitFor("auth-api-pod");
    await app.type("n", ..."auth-pods", ...tabs(3), ..."backend", KEY.tab, KEY.right);
    await app.waitFor(/Workload\s+pod/);
    await app.type(KEY.tab);
    await app.waitFor("3 choices"); // app=auth, app=jobs, tier=api
    await app.type(KEY.right);
    const matched = await app.waitFor("2 pods match");
    expect(fieldText(matched, "Pod labels")).toContain("2 pods match: auth-1, auth-2 (not ready)");
    await app.type(KEY.right);
    await app.waitFor("1 pod match: jobs-1");
    await app.type(KEY.left, KEY.tab, KEY.tab);
    await app.waitFor("1 choice"); // the port of the pods app=auth selects
    await app.type(KEY.right, KEY.ctrlS);
    await app.waitFor("Saved auth-pods.");
    expect(d.configs.find((c) => c.alias === "auth-pods")).toMatchObject({
      workload_type: "pod",
      target: "app=auth",
      remote_port: 8080,
    });
  });

  it("offers the loopback addresses in use (and by whom) and free 127.0.0.x ones", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 160, rows: 34 });
    await app.waitFor("auth-api-pod");
    await app.type("n", ..."second-web", ...tabs(3), ..."webapp", KEY.tab, KEY.tab, ..."web");
    await app.type(KEY.tab, KEY.tab, ..."80", KEY.tab, ..."8080", KEY.tab);
    const frame = await app.waitFor("free: 127.0.0.3");
    // The line wraps inside the form's box: read it as one.
    expect(frame.replace(/[│\s]+/g, " ")).toContain(
      "in use: 127.0.0.1 (web-frontend-svc, cluster-dns-udp, private-redis-proxy) · 127.0.0.2 (auth-api-pod) · free: 127.0.0.3, 127.0.0.4, 127.0.0.5",
    );
    await app.type(KEY.right, KEY.right); // 127.0.0.1 -> 127.0.0.2 -> 127.0.0.3
    await app.waitFor(/Local address\s+127\.0\.0\.3/);
    await app.type(KEY.ctrlS);
    await app.waitFor("Saved second-web.");
    expect(d.configs.find((c) => c.alias === "second-web")?.local_address).toBe("127.0.0.3");
  });

  it("shows a spinner while the cluster answers and the reason when it cannot", async () => {
    const d = demoDaemon();
    const app = renderApp(d, { columns: 80, rows: 30 });
    await app.waitFor("auth-api-pod");
    let release = () => {};
    d.hold = new Promise((r) => {
      release = r;
    });
    await app.type("n", KEY.tab);
    await app.waitFor("loading choices");
    d.hold = null;
    release();
    await app.waitFor("2 choices");
    d.contextsError = "cluster unreachable";
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
    await app.type("n", KEY.tab);
    await app.waitFor("no choices from the cluster: cluster unreachable");
  });
});
