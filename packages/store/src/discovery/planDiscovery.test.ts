import { describe, expect, it } from "vitest";
import { openStore } from "../configs/openStore.ts";
import { useTempHomes } from "../configs/testHome.ts";
import type { DiscoveredObject } from "./discoveryTypes.ts";
import { type PlanInput, planDiscovery } from "./planDiscovery.ts";
import { readAnnotations } from "./readAnnotations.ts";

const frontend = (configs: string): DiscoveredObject => ({
  kind: "Service",
  namespace: "webapp",
  name: "frontend",
  annotations: { "kftray.app/configs": configs },
  ports: [
    { name: "http", port: 80, protocol: "tcp" },
    { name: "admin", port: 9090, protocol: "tcp" },
  ],
  selector: null,
});
const scanned = [{ context: "dev", namespace: "*", allServices: false }];

describe("planDiscovery on a real store", () => {
  const tempHome = useTempHomes();
  const run = (
    store: ReturnType<typeof openStore>,
    objects: DiscoveredObject[],
    options: Partial<PlanInput> = {},
    dryRun = false,
  ) =>
    store.discovery.run(
      (snapshot) =>
        planDiscovery({
          candidates: objects.flatMap((o) => readAnnotations(o, "dev").candidates),
          scanned,
          canBindBelow1024: false,
          ...snapshot,
          ...options,
        }),
      dryRun,
    );
  const actions = (rows: { action: string; alias: string }[]) =>
    rows.map((r) => `${r.action} ${r.alias}`);

  it("adds, then adds nothing on a second run; a dry run writes nothing", () => {
    const store = openStore({ home: tempHome() });
    expect(actions(run(store, [frontend("web-ui-8080-http")], {}, true))).toEqual(["add web-ui"]);
    expect(store.list()).toEqual([]);
    const first = run(store, [frontend("web-ui-8080-http")]);
    expect(first[0]?.id).toEqual(expect.any(Number));
    expect(store.get("web-ui")).toMatchObject({
      service: "frontend",
      remote_port: 80,
      local_port: 8080,
    });
    expect(store.discovery.records()[0]?.origin).toEqual({
      context: "dev",
      namespace: "webapp",
      kind: "Service",
      name: "frontend",
      annotation: "kftray.app/configs",
      key: "web-ui",
    });
    expect(actions(run(store, [frontend("web-ui-8080-http")]))).toEqual(["unchanged web-ui"]);
    expect(store.list()).toHaveLength(1);
    store.close();
  });

  it("moves a clashing local port and keeps the moved port on the next run", () => {
    const store = openStore({ home: tempHome() });
    store.create({
      alias: "web",
      namespace: "other",
      workload_type: "service",
      service: "x",
      remote_port: 8080,
    });
    const first = run(store, [frontend("web-ui-8080-http")]);
    expect(first[0]).toMatchObject({
      action: "add",
      reason: "local port 8080 taken by 'web': moved to 18080",
      config: expect.objectContaining({ local_port: 18080 }),
    });
    expect(run(store, [frontend("web-ui-8080-http")])[0]?.action).toBe("unchanged");
    store.close();
  });

  it("maps ports below 1024 when they cannot be bound", () => {
    const store = openStore({ home: tempHome() });
    const rows = run(store, [{ ...frontend(""), annotations: { "kftray.app/enabled": "true" } }]);
    expect(rows.map((r) => [r.alias, r.config.local_port, r.reason])).toEqual([
      ["frontend-http", 8080, "port 80 < 1024 mapped to 8080"],
      ["frontend-admin", 9090, null],
    ]);
    store.close();
  });

  it("keeps a user's edit and says so; updates an unedited config when the annotation changes", () => {
    const store = openStore({ home: tempHome() });
    run(store, [frontend("web-ui-8080-http,adm-9091-admin")]);
    store.update("web-ui", { local_port: 7777 });
    const next = run(store, [frontend("web-ui-8081-http,adm-9092-admin")]);
    expect(next.map((r) => [r.action, r.alias, r.reason])).toEqual([
      ["kept-local-change", "web-ui", "kept local change (edited after discovery)"],
      ["update", "adm", "changed: local_port"],
    ]);
    expect(store.get("web-ui").local_port).toBe(7777);
    expect(store.get("adm").local_port).toBe(9092);
    store.close();
  });

  it("prunes only discovered configs whose source is gone, and only with prune", () => {
    const store = openStore({ home: tempHome() });
    store.create({
      alias: "mine",
      namespace: "webapp",
      workload_type: "service",
      service: "frontend",
      remote_port: 9090,
    });
    run(store, [frontend("web-ui-8080-http,adm-9091-admin")]);
    const kept = run(store, [frontend("web-ui-8080-http")]);
    expect(kept.map((r) => [r.action, r.alias])).toEqual([
      ["unchanged", "web-ui"],
      ["source-gone", "adm"],
    ]);
    expect(store.discovery.records().find((d) => d.sourceGone)?.id).toBe(store.get("adm").id);
    const pruned = run(store, [frontend("web-ui-8080-http")], { prune: true });
    expect(pruned.map((r) => [r.action, r.alias])).toEqual([
      ["unchanged", "web-ui"],
      ["remove", "adm"],
    ]);
    expect(store.list().map((c) => c.alias)).toEqual(["mine", "web-ui"]);
    store.close();
  });

  it("judges nothing gone where it did not look (a denied namespace)", () => {
    const store = openStore({ home: tempHome() });
    run(store, [frontend("web-ui-8080-http")]);
    const rows = run(store, [], {
      prune: true,
      scanned: [{ context: "dev", namespace: "backend", allServices: false }],
    });
    expect(rows).toEqual([]);
    expect(store.list()).toHaveLength(1);
    store.close();
  });

  it("suffixes a taken alias and reports a candidate that duplicates a user's config", () => {
    const store = openStore({ home: tempHome() });
    store.create({
      alias: "web-ui",
      namespace: "other",
      workload_type: "service",
      service: "x",
      remote_port: 1234,
    });
    store.create({
      alias: "same",
      context: "dev",
      namespace: "webapp",
      workload_type: "service",
      service: "frontend",
      remote_port: 9090,
      local_port: 9091,
    });
    const rows = run(store, [frontend("web-ui-8080-http,adm-9091-admin")]);
    expect(rows.map((r) => [r.action, r.alias, r.reason])).toEqual([
      ["add", "web-ui-2", "alias 'web-ui' is taken: discovered as 'web-ui-2'"],
      ["conflict", "adm", "the same forward as config 'same'; left as it is"],
    ]);
    store.close();
  });

  it("gives each object its own loopback address, stable across runs, and sets domain", () => {
    const store = openStore({ home: tempHome() });
    const other = { ...frontend("api-8080-http"), name: "api" };
    const first = run(store, [frontend("web-ui-8080-http"), other], {
      loopback: true,
      domain: true,
    });
    expect(
      first.map((r) => [
        r.alias,
        r.config.local_address,
        r.config.local_port,
        r.config.domain_enabled,
      ]),
    ).toEqual([
      ["web-ui", "127.0.0.2", 8080, true],
      ["api", "127.0.0.3", 8080, true],
    ]);
    const second = run(store, [other, frontend("web-ui-8080-http")], {
      loopback: true,
      domain: true,
    });
    expect(second.map((r) => [r.action, r.config.local_address])).toEqual([
      ["unchanged", "127.0.0.3"],
      ["unchanged", "127.0.0.2"],
    ]);
    store.close();
  });
});
