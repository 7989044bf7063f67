import { describe, expect, it } from "vitest";
import { type ForwardUpdate, ferryErrorOf } from "../client/index.ts";
import { FakeDaemon } from "./fakeDaemon.ts";

const svc = {
  namespace: "shop",
  workload_type: "service" as const,
  service: "web",
  remote_port: 80,
};

describe("FakeDaemon (the apps' in-memory daemon)", () => {
  it("keeps the API's rules: schema on create and update, taken aliases refused", async () => {
    const d = new FakeDaemon();
    const c = d.client();
    const web = await c.configs.create.mutate({ ...svc, alias: "web", local_port: 18080 });
    const invalid = await c.configs.create
      .mutate({ namespace: "shop" } as never)
      .catch(ferryErrorOf);
    expect(invalid).toMatchObject({ code: "INVALID_CONFIG" });
    const patch = { id: web.id, patch: { remote_port: 0 } };
    expect(await c.configs.update.mutate(patch).catch(ferryErrorOf)).toMatchObject({
      code: "INVALID_CONFIG",
      issues: [expect.objectContaining({ path: "remote_port" })],
    });
    await c.configs.create.mutate({ ...svc, alias: "api" });
    const taken = await c.configs.update
      .mutate({ id: web.id, patch: { alias: "api" } })
      .catch(ferryErrorOf);
    expect(taken).toMatchObject({ code: "ALIAS_TAKEN", issues: [{ path: "alias" }] });
    expect((await c.configs.list.query()).map((x) => [x.alias, x.remote_port])).toEqual([
      ["web", 80],
      ["api", 80],
    ]);
  });

  it("imports one object or an array, with // comments", async () => {
    const d = new FakeDaemon();
    const text = `// mine\n${JSON.stringify({ ...svc, alias: "a", url: "http://x//y" })}`;
    const one = await d.client().configs.import.mutate({ text } as never);
    expect(one.added.map((a) => a.alias)).toEqual(["a"]);
    expect(d.configs).toHaveLength(1);
  });

  it("a busy port (another program's) or one a running config holds makes an error row", async () => {
    const d = new FakeDaemon();
    d.busyPorts = [7001];
    d.podName = (c) => `${c.alias}-7d9f`;
    const busy = d.add({ alias: "busy", namespace: "shop", local_port: 7001 });
    const one = d.add({ alias: "one", namespace: "shop", local_port: 9000 });
    const two = d.add({ alias: "two", namespace: "shop", local_port: 9000 });
    await d.client().forwards.start.mutate({ ids: [busy.id, one.id, two.id] });
    const rows = await d.client().forwards.status.query();
    expect(rows.map((r) => [r.alias, r.state, r.pod, r.error?.code ?? null])).toEqual([
      ["busy", "error", null, "PORT_IN_USE"],
      ["one", "running", "one-7d9f", null],
      ["two", "error", null, "PORT_IN_USE"],
    ]);
    expect(rows[0]?.error?.message).toContain("already in use by another program");
  });

  it("ticks traffic only on running forwards; down fails calls and ends subscriptions", async () => {
    const d = new FakeDaemon();
    const a = d.add({ alias: "a", namespace: "shop" });
    d.add({ alias: "b", namespace: "shop", local_port: 9001 });
    const updates: ForwardUpdate[] = [];
    let ended = false;
    d.client().forwards.events.subscribe(undefined, {
      onData: (u: ForwardUpdate) => updates.push(u),
      onError: () => {
        ended = true;
      },
    } as never);
    await d.client().forwards.start.mutate({ ids: [a.id] });
    d.tickTraffic();
    expect(updates.map((u) => [u.kind, u.row.alias])).toEqual([
      ["status", "a"],
      ["traffic", "a"],
    ]);
    expect(updates[1]?.row.bytesIn).toBeGreaterThan(0);
    d.down = true;
    expect(ended).toBe(true);
    expect(
      await d
        .client()
        .configs.list.query()
        .catch((e: Error) => e.message),
    ).toBe("fetch failed");
    expect(d.calls).toEqual(["start 1", "listConfigs"]);
  });
});
