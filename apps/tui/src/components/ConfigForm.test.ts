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

describe("the add/edit form", () => {
  it("fills context, namespace, service and port from the cluster and saves", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("n");
    await app.waitFor("Add a config");
    await app.waitFor("2 choices"); // contexts loaded for the focused field
    await app.type(KEY.right); // dev-cluster
    await app.waitFor(/Context\s+dev-cluster/);
    await app.type(KEY.tab);
    await app.waitFor("2 choices");
    await app.type(KEY.right, KEY.right); // backend -> webapp
    await app.waitFor(/Namespace\s+webapp/);
    await app.type(KEY.tab, KEY.tab); // workload stays "service"
    await app.waitFor("2 choices");
    await app.type(KEY.right); // frontend-service
    await app.waitFor(/Service\s+frontend-service/);
    await app.type(KEY.tab);
    await app.waitFor("2 choices"); // ports 80, 9090
    await app.type(KEY.right);
    await app.waitFor(/Remote port\s+80/);
    await app.type(KEY.tab, KEY.tab, ..."18080", KEY.tab, KEY.tab, ..."web-new");
    await app.type(KEY.ctrlS);
    await app.waitFor("Saved web-new.");
    const saved = d.configs.find((c) => c.alias === "web-new");
    expect(saved).toMatchObject({
      context: "dev-cluster",
      namespace: "webapp",
      service: "frontend-service",
      remote_port: 80,
      local_port: 18080,
    });
    expect(lineWith(await app.waitFor("web-new"), "web-new")).toContain("svc/frontend-service:80");
  });

  it("shows validation messages beside each bad field and saves nothing", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("n");
    await app.waitFor("Add a config");
    await app.type(KEY.tab, KEY.tab, KEY.tab, KEY.tab, ..."http", KEY.tab, KEY.tab, ..."x1");
    await app.type(KEY.ctrlS);
    const frame = await app.waitFor("Fix the fields marked in red.");
    expect(fieldText(frame, "Namespace")).toContain("required");
    expect(fieldText(frame, "Service")).toContain('required when workload_type is "service"');
    expect(fieldText(frame, "Remote port")).toContain('expected an integer 1-65535, got "http"');
    expect(fieldText(frame, "Local port")).toContain("expected an integer 0-65535");
    expect(d.calls).not.toContain("createConfig");
    // Fixing a field clears its message as you type.
    await app.type(KEY.up, KEY.up, KEY.up, KEY.up, KEY.up, ..."webapp");
    const fixed = await app.waitFor(/Namespace\s+webapp/);
    expect(fieldText(fixed, "Namespace")).not.toContain("required");
  });

  it("saves a local port another config uses, as the daemon does, and the clash shows at start", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("j", "f"); // web-frontend-svc (local port 8080) runs
    await app.waitFor(/web-frontend-svc.*running/);
    await app.type("n");
    await app.waitFor("Add a config");
    await app.type(
      KEY.tab,
      ..."webapp",
      KEY.tab,
      KEY.tab,
      ..."other",
      KEY.tab,
      ..."80",
      KEY.tab,
      KEY.tab,
      ..."8080",
      KEY.tab,
      KEY.tab,
      ..."web-copy",
      KEY.ctrlS,
    );
    await app.waitFor("Saved web-copy.");
    expect(d.configs.filter((c) => c.local_port === 8080)).toHaveLength(2);
    await app.type("f"); // the cursor is on the saved config
    const frame = await app.waitFor("already used by config 'web-frontend-svc'");
    expect(lineWith(frame, "web-copy")).toContain("error");
  });

  it("shows the daemon's refusal of a taken alias and keeps the form open", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("n");
    await app.waitFor("Add a config");
    await app.type(KEY.tab, ..."webapp", KEY.tab, KEY.tab, ..."other", KEY.tab, ..."80");
    await app.type(KEY.tab, KEY.tab, KEY.tab, KEY.tab, ..."auth-api-pod", KEY.ctrlS);
    const frame = await app.waitFor('alias "auth-api-pod" is already used by another config');
    expect(frame).toContain("Add a config");
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
    expect(d.configs).toHaveLength(4);
  });

  it("edits the row under the cursor with its values filled in", async () => {
    const d = demoDaemon();
    const app = renderApp(d);
    await app.waitFor("auth-api-pod");
    await app.type("j", KEY.enter);
    const frame = await app.waitFor("Edit web-frontend-svc");
    expect(frame).toMatch(/Service\s+frontend-service/);
    expect(frame).toMatch(/Local port\s+8080/);
    await app.type(
      KEY.up,
      KEY.up,
      KEY.up,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      KEY.backspace,
      ..."9999",
      KEY.ctrlS,
    );
    await app.waitFor("Saved web-frontend-svc.");
    expect(d.configs.find((c) => c.alias === "web-frontend-svc")?.local_port).toBe(9999);
  });
});

describe("the form's pickers", () => {
  it("shows a spinner while the cluster answers and the reason when it cannot", async () => {
    const d = demoDaemon();
    let release = () => {};
    d.hold = new Promise((r) => {
      release = r;
    });
    const app = renderApp(d);
    // listConfigs is held too: let the list load first, then hold the pickers.
    release();
    await app.waitFor("auth-api-pod");
    d.hold = new Promise((r) => {
      release = r;
    });
    await app.type("n");
    await app.waitFor("loading choices");
    d.hold = null;
    release();
    await app.waitFor("2 choices");
    d.contexts = async () => {
      throw new Error("cluster unreachable");
    };
    await app.type(KEY.esc);
    await app.waitFor("auth-api-pod");
    await app.type("n");
    await app.waitFor("no choices from the cluster: cluster unreachable");
  });
});
