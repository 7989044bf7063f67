import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ForwardConfig, ForwardEvent, ForwardStatus } from "@ferry/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConfigStore } from "../configs/configStore.ts";
import { openStore } from "../configs/openStore.ts";
import { createDaemonLog } from "./daemonLog.ts";
import type { Engine } from "./engineHost.ts";
import { createRuntime, type DaemonRuntime } from "./runtime.ts";

/** An engine that "runs" every forward at once: enough to check the runtime's own rules. */
function instantEngine(): Engine & { started: number[] } {
  const listeners = new Set<(e: ForwardEvent) => void>();
  const states = new Map<number, ForwardStatus>();
  const emit = (status: ForwardStatus) => {
    states.set(status.id, status);
    for (const l of listeners) l({ type: "status", status });
  };
  const started: number[] = [];
  return {
    started,
    available: true,
    start: async (c: ForwardConfig) => {
      started.push(c.id);
      const base = {
        id: c.id,
        alias: c.alias,
        pod: "ns/p",
        localAddress: c.local_address,
        error: null,
        httpLog: { enabled: false, file: null, exchanges: 0 },
      };
      emit({
        ...base,
        localPort: c.local_port ?? c.remote_port,
        state: "running",
        connections: 0,
        bytesIn: 0,
        bytesOut: 0,
        since: Date.now(),
      });
    },
    stop: async (id) => {
      const s = states.get(id);
      if (s) emit({ ...s, state: "stopped", since: Date.now() });
      return states.get(id) ?? null;
    },
    status: (id) => states.get(id) ?? null,
    setHttpLog: (id) => states.get(id) ?? null,
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    sweepOrphans: async () => {},
    close: async () => {},
  };
}

let home: string;
let store: ConfigStore;
let engine: ReturnType<typeof instantEngine>;
let runtime: DaemonRuntime;
const add = (alias: string, context: string, port: number) =>
  store.create({
    alias,
    context,
    namespace: "ns",
    workload_type: "service",
    service: alias,
    remote_port: 80,
    local_port: port,
  });

beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), "ferry-runtime-"));
  store = openStore({ home });
  engine = instantEngine();
  runtime = createRuntime(store, engine, createDaemonLog(home));
});
afterEach(() => {
  runtime.dispose();
  store.close();
  rmSync(home, { recursive: true, force: true });
});

describe("runtime", () => {
  it("reports every config, stopped until started", () => {
    add("web", "dev", 8080);
    expect(runtime.status().map((r) => [r.alias, r.state, r.target])).toEqual([
      ["web", "stopped", "svc/web:80"],
    ]);
  });

  it("starts by alias, by context, or all, and streams each change", async () => {
    add("a", "dev", 8001);
    add("b", "prod", 8002);
    add("c", "dev", 8003);
    const events: string[] = [];
    runtime.subscribe((u) => u.kind === "status" && events.push(`${u.row.alias}:${u.row.state}`));
    expect(
      (await runtime.start({ all: true, context: "dev" })).map((r) => [r.alias, r.state]),
    ).toEqual([
      ["a", "running"],
      ["c", "running"],
    ]);
    await runtime.start({ aliases: ["b"] });
    expect(events).toEqual(["a:running", "c:running", "b:running"]);
    const b = store.get("b");
    expect(runtime.history(b.id).map((u) => [u.kind, u.row.state])).toEqual([
      ["status", "running"],
    ]);
    await runtime.stop({ all: true });
    expect(runtime.status().every((r) => r.state === "stopped")).toBe(true);
  });

  it("refuses an unknown alias before starting anything", async () => {
    add("a", "dev", 8001);
    await expect(runtime.start({ aliases: ["a", "nope"] })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(engine.started).toEqual([]);
  });

  it("starts a group, and only that group", async () => {
    const one = add("one", "dev", 8001);
    const two = add("two", "dev", 8002);
    add("other", "dev", 8003);
    store.update(one.id, { group: "team" });
    store.update(two.id, { group: "team" });
    const rows = await runtime.start({ group: "team" });
    expect(rows.map((r) => [r.alias, r.state])).toEqual([
      ["one", "running"],
      ["two", "running"],
    ]);
    expect(engine.started).toEqual([one.id, two.id]);
    await expect(runtime.start({ group: "nobody" })).rejects.toMatchObject({
      code: "NOTHING_SELECTED",
      message: expect.stringContaining('"nobody"'),
    });
  });

  it("says when a selection matches nothing", async () => {
    await expect(runtime.start({ context: "nowhere" })).rejects.toMatchObject({
      code: "NOTHING_SELECTED",
    });
  });
});
