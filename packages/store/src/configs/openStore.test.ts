import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openStore } from "./openStore.ts";
import { useTempHomes } from "./testHome.ts";

const EXAMPLES = readFileSync(
  join(import.meta.dirname, "../../../../examples/configs.json"),
  "utf8",
);
const web = {
  alias: "web",
  namespace: "webapp",
  workload_type: "service",
  service: "frontend",
  remote_port: 80,
} as const;

describe("openStore", () => {
  const tempHome = useTempHomes();

  it("creates, finds by alias or id, updates and removes configs", () => {
    const store = openStore({ home: tempHome() });
    const created = store.create(web);
    expect(store.get("web")).toEqual(created);
    expect(store.get(created.id)).toEqual(created);
    expect(store.get(String(created.id))).toEqual(created);
    expect(store.update("web", { local_port: 8080, domain_enabled: true })).toMatchObject({
      alias: "web",
      local_port: 8080,
      domain_enabled: true,
    });
    expect(store.remove(["web"]).map((c) => c.alias)).toEqual(["web"]);
    expect(store.find("web")).toBeNull();
    store.close();
  });

  it("refuses an explicit alias that is taken, and suffixes a derived one", () => {
    const store = openStore({ home: tempHome() });
    store.create(web);
    expect(() => store.create({ ...web, service: "other" })).toThrow(
      expect.objectContaining({ code: "ALIAS_TAKEN" }),
    );
    const { alias: _, ...noAlias } = web;
    expect(store.create(noAlias).alias).toBe("service-tcp-80");
    expect(store.create({ ...noAlias, service: "b" }).alias).toBe("service-tcp-80-2");
    store.close();
  });

  it("re-validates the whole config on update and keeps it when refused", () => {
    const store = openStore({ home: tempHome() });
    store.create(web);
    expect(() => store.update("web", { workload_type: "pod" })).toThrow(
      /target: required when workload_type is "pod"/,
    );
    expect(store.get("web").workload_type).toBe("service");
    store.close();
  });

  it("removes all named configs or none", () => {
    const store = openStore({ home: tempHome() });
    store.create(web);
    expect(() => store.remove(["web", "missing"])).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(store.list()).toHaveLength(1);
    store.close();
  });

  it("imports the examples, and a second import changes nothing", () => {
    const store = openStore({ home: tempHome() });
    const first = store.import(EXAMPLES);
    expect(first.added.map((i) => i.alias)).toEqual([
      "web-frontend-svc",
      "auth-api-pod",
      "cluster-dns-udp",
      "private-redis-proxy",
    ]);
    const before = store.export();
    const second = store.import(EXAMPLES);
    expect(second.added).toEqual([]);
    expect(second.unchanged).toHaveLength(4);
    expect(store.export()).toBe(before);
    store.close();
  });

  it("updates a matching config, keeping its alias and local port when the import leaves them out", () => {
    const store = openStore({ home: tempHome() });
    store.create({ ...web, local_port: 8080 });
    const report = store.import(
      JSON.stringify({ ...web, alias: "", local_port: 8080, domain_enabled: true }),
    );
    expect(report.updated.map((i) => i.alias)).toEqual(["web"]);
    expect(store.get("web")).toMatchObject({ local_port: 8080, domain_enabled: true });
    store.close();
  });

  it("suffixes a clashing alias on import, with a warning", () => {
    const store = openStore({ home: tempHome() });
    store.create(web);
    const report = store.import(JSON.stringify({ ...web, service: "other" }));
    expect(report.added.map((i) => i.alias)).toEqual(["web-2"]);
    expect(report.warnings).toEqual(['[0]: alias "web" is taken; imported as "web-2"']);
    store.close();
  });

  it("writes nothing when any entry is invalid, and lists every problem", () => {
    const store = openStore({ home: tempHome() });
    const text = JSON.stringify([
      web,
      { ...web, alias: "b", remote_port: "eighty" },
      { ...web, alias: "c", protocol: "x" },
    ]);
    expect(() => store.import(text)).toThrow(
      expect.objectContaining({
        code: "INVALID_CONFIG",
        issues: [
          { path: "[1].remote_port", message: 'expected an integer 1-65535, got "eighty"' },
          { path: "[2].protocol", message: 'expected one of "tcp", "udp", got "x"' },
        ],
      }),
    );
    expect(store.list()).toEqual([]);
    store.close();
  });

  it("reports a dry run exactly and writes nothing", () => {
    const store = openStore({ home: tempHome() });
    store.create(web);
    const report = store.import(EXAMPLES, { dryRun: true });
    expect(report).toMatchObject({ dryRun: true });
    expect(report.added).toHaveLength(4);
    expect(store.list().map((c) => c.alias)).toEqual(["web"]);
    store.close();
  });

  it("overrides kubeconfig and context for every entry", () => {
    const store = openStore({ home: tempHome() });
    store.import(EXAMPLES, { kubeconfig: "/me/kube.yaml", context: "mine" });
    expect(new Set(store.list().map((c) => `${c.kubeconfig} ${c.context}`))).toEqual(
      new Set(["/me/kube.yaml mine"]),
    );
    store.close();
  });

  it("drops unknown fields and skips expose entries, with warnings", () => {
    const store = openStore({ home: tempHome() });
    const report = store.import(
      JSON.stringify([
        { ...web, colour: "blue", http_logs_max_file_size: 10 },
        { ...web, alias: "x", workload_type: "expose" },
      ]),
    );
    expect(report.added).toHaveLength(1);
    expect(report.skipped).toEqual([
      { index: 1, reason: 'workload_type "expose" is not supported by Ferry' },
    ]);
    expect(report.warnings).toEqual([
      '[0]: unknown field "colour" dropped',
      '[1]: skipped: workload_type "expose" is not supported by Ferry',
    ]);
    store.close();
  });

  it("exports, imports into an empty home and exports the same bytes", () => {
    const a = openStore({ home: tempHome() });
    a.import(EXAMPLES);
    a.create({ ...web, group: "front", auto_start: true, local_port: 0 });
    a.remove(["auth-api-pod"]);
    const exported = a.export();
    a.close();
    const b = openStore({ home: tempHome() });
    b.import(exported);
    expect(b.export()).toBe(exported);
    b.close();
  });

  it("keeps settings as JSON values and refuses bad keys", () => {
    const home = tempHome();
    const store = openStore({ home });
    store.settings.set("http_logs.max_file_size", 1024);
    store.settings.set("ui", { theme: "dark" });
    store.close();
    const again = openStore({ home });
    expect(again.settings.all()).toEqual({
      "http_logs.max_file_size": 1024,
      ui: { theme: "dark" },
    });
    expect(again.settings.get("missing")).toBeUndefined();
    expect(() => again.settings.set("Bad Key", 1)).toThrow(
      expect.objectContaining({ code: "INVALID_SETTING" }),
    );
    again.close();
  });
});
