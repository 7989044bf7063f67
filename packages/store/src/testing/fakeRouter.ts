import type { Config, ForwardSelector, SyncSource } from "../client/index.ts";
import type { FakeDaemon, FakeListener } from "./fakeDaemon.ts";
import { type FakeCall, fakeKube } from "./fakeKube.ts";

/** The routers the apps call, over a fake daemon; each call goes through `call` (recorded). */
export function fakeRouter(d: FakeDaemon, call: FakeCall) {
  const named = (verb: string) => (s: ForwardSelector) =>
    s.group ? `${verb} group ${s.group}` : `${verb} ${s.ids?.join(",")}`;
  return {
    configs: {
      list: { query: call("listConfigs", () => structuredClone(d.configs)) },
      create: { mutate: call("createConfig", (input: unknown) => d.create(input)) },
      update: {
        mutate: call("updateConfig", (u: { id: number; patch: Partial<Config> }) => d.update(u)),
      },
      delete: { mutate: call("deleteConfigs", (ids: number[]) => d.remove(ids)) },
      import: { mutate: call("importConfigs", (i: { text: string }) => d.importText(i)) },
      export: { query: call("exportConfigs", () => JSON.stringify(d.configs, null, 2)) },
      changes: {
        subscribe: (_i: undefined, l: { onData?: (c: unknown) => void }) => d.subscribeConfigs(l),
      },
    },
    forwards: {
      status: { query: call("status", () => d.configs.map((c) => d.row(c))) },
      start: {
        mutate: call(named("start"), (s: ForwardSelector) => d.setState(d.select(s), "running")),
      },
      stop: {
        mutate: call(named("stop"), (s: ForwardSelector) => d.setState(d.select(s), "stopped")),
      },
      startAll: { mutate: call("startAll", () => d.setState(d.select(undefined), "running")) },
      stopAll: { mutate: call("stopAll", () => d.setState(d.select(undefined), "stopped")) },
      events: { subscribe: (_i: undefined, l: FakeListener) => d.subscribe(l) },
    },
    kube: fakeKube(
      () => d.cluster,
      () => d.contextsError,
      call,
    ),
    logs: d.httpLog.router(call, (e) => d.logExchange(e)),
    sync: {
      list: { query: call("syncList", () => [...d.syncSources]) },
      now: { mutate: call("syncNow", () => d.syncReports) },
      events: {
        subscribe: (_i: undefined, l: { onData?: (s: SyncSource) => void }) => d.subscribeSync(l),
      },
    },
    settings: {
      all: { query: call("settings", () => ({ ...d.settings })) },
      get: { query: call("getSetting", (key: string) => d.settings[key] ?? null) },
      set: {
        mutate: call("setSetting", ({ key, value }: { key: string; value: unknown }) => {
          d.settings[key] = value;
          return { ...d.settings };
        }),
      },
      delete: {
        mutate: call("deleteSetting", (key: string) => {
          delete d.settings[key];
          return { ...d.settings };
        }),
      },
    },
    daemon: {
      info: {
        query: call("info", () => ({
          pid: 4242,
          version: d.version,
          home: "/home/dev/.ferry",
          url: "http://127.0.0.1:45123",
        })),
      },
    },
  };
}
