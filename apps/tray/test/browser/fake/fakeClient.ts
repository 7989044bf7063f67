import {
  type Config,
  ConfigInputSchema,
  defaultAlias,
  type FerryClient,
  FerryError,
  type ForwardRow,
  type ForwardSelector,
  type ForwardUpdate,
  formatIssues,
  forwardRow,
} from "@ferry/store/client";

interface Listener {
  onStarted?: () => void;
  onData?: (u: ForwardUpdate) => void;
}

/**
 * An in-memory daemon behind the typed client's shape, for component-level browser checks of
 * the renderer: the shared schema's validation messages, a busy port, pushed status and traffic
 * updates. The real-daemon suites are in test/e2e.
 */
export function fakeClient(busyPorts: number[] = []): FerryClient {
  let nextId = 1;
  const configs: Config[] = [];
  const rows = new Map<number, ForwardRow>();
  const listeners = new Set<Listener>();
  const configListeners = new Set<{ onData?: (c: unknown) => void }>();
  const changed = (ids: { created?: number[]; updated?: number[]; deleted?: number[] }) => {
    const change = { at: Date.now(), created: [], updated: [], deleted: [], ...ids };
    for (const l of configListeners) setTimeout(() => l.onData?.(change), 0);
  };
  const settings = new Map<string, unknown>();
  const rowOf = (c: Config): ForwardRow => rows.get(c.id) ?? forwardRow(c, null);
  const push = (kind: ForwardUpdate["kind"], row: ForwardRow) => {
    rows.set(row.id, row);
    for (const l of listeners) l.onData?.({ kind, at: Date.now(), row, log: null });
  };
  setInterval(() => {
    for (const row of rows.values()) {
      if (row.state !== "running") continue;
      const bytesIn = row.bytesIn + 1000 + row.id * 300;
      push("traffic", { ...row, bytesIn, bytesOut: row.bytesOut + 400, connections: 1 });
    }
  }, 250);

  /** The shared schema's check, as the daemon runs it: INVALID_CONFIG with one issue per field. */
  const parse = (input: unknown, id: number): Config => {
    const parsed = ConfigInputSchema.safeParse(input);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error);
      throw new FerryError("INVALID_CONFIG", `${issues.length} problem(s) in the config`, issues);
    }
    return { ...parsed.data, id, alias: parsed.data.alias ?? defaultAlias(parsed.data) } as Config;
  };
  const create = (input: unknown): Config => {
    const c = parse(input, nextId);
    nextId++;
    configs.push(c);
    changed({ created: [c.id] });
    return c;
  };
  const setState = (ids: readonly number[], start: boolean) => {
    for (const c of configs.filter((x) => ids.includes(x.id))) {
      const port = c.local_port ?? c.remote_port;
      const busy = start && busyPorts.includes(port);
      const message = `local port ${port} on 127.0.0.1 is already in use by another program`;
      push("status", {
        ...rowOf(c),
        state: busy ? "error" : start ? "running" : "stopped",
        pod: start && !busy ? `${c.alias}-7d9f` : null,
        localPort: c.local_port ?? c.remote_port,
        error: busy ? { code: "PORT_IN_USE", message } : null,
      });
    }
  };
  const select = (s: ForwardSelector) =>
    configs
      .filter((c) => s.all || s.ids?.includes(c.id) || (s.group && c.group === s.group))
      .map((c) => c.id);

  const fake = {
    configs: {
      list: { query: async () => structuredClone(configs) },
      create: { mutate: async (input: unknown) => create(input) },
      update: {
        mutate: async ({ id, patch }: { id: number; patch: unknown }) => {
          const c = parse(patch, id);
          configs.splice(
            configs.findIndex((x) => x.id === id),
            1,
            c,
          );
          return c;
        },
      },
      delete: {
        mutate: async (ids: number[]) => {
          for (const id of ids)
            configs.splice(
              configs.findIndex((x) => x.id === id),
              1,
            );
          return ids.length;
        },
      },
      import: {
        mutate: async ({ text }: { text: string }) => {
          const json = text.replace(/("(?:[^"\\]|\\.)*")|\/\/.*$/gm, (_m, s) => s ?? "");
          const parsed = JSON.parse(json);
          const list = Array.isArray(parsed) ? parsed : [parsed];
          const added = list.map((item, index) => ({ index, ...create(item) }));
          return { dryRun: false, added, updated: [], unchanged: [], skipped: [], warnings: [] };
        },
      },
      export: { query: async () => JSON.stringify(configs, null, 2) },
      changes: {
        subscribe: (_input: undefined, l: { onData?: (c: unknown) => void }) => {
          configListeners.add(l);
          return { unsubscribe: () => configListeners.delete(l) };
        },
      },
    },
    forwards: {
      status: { query: async () => configs.map(rowOf) },
      start: { mutate: async (s: ForwardSelector) => setState(select(s), true) },
      stop: { mutate: async (s: ForwardSelector) => setState(select(s), false) },
      startAll: { mutate: async () => setState(select({ all: true }), true) },
      stopAll: { mutate: async () => setState(select({ all: true }), false) },
      events: {
        subscribe: (_input: undefined, l: Listener) => {
          listeners.add(l);
          setTimeout(() => l.onStarted?.(), 0);
          return { unsubscribe: () => listeners.delete(l) };
        },
      },
    },
    // No HTTP logs and no git sync sources here: empty answers, silent streams.
    logs: {
      http: { query: async () => [] },
      follow: { subscribe: () => ({ unsubscribe: () => {} }) },
    },
    sync: {
      list: { query: async () => [] },
      events: { subscribe: () => ({ unsubscribe: () => {} }) },
    },
    kube: {
      contexts: {
        query: async () =>
          ["kube-sim", "staging"].map((name) => ({
            name,
            cluster: name,
            namespace: null,
            current: false,
          })),
      },
      namespaces: { query: async () => ["default", "shop"] },
      services: {
        query: async ({ namespace }: { namespace: string }) =>
          (namespace === "shop" ? ["web", "cart"] : ["echo"]).map((name) => ({ name, ports: [] })),
      },
      ports: {
        query: async ({ service }: { service?: string }) =>
          service === "web"
            ? [{ name: "http", port: 80, protocol: "TCP" }]
            : [
                { name: null, port: 7000, protocol: "TCP" },
                { name: "admin", port: 7001, protocol: "TCP" },
              ],
      },
    },
    settings: {
      get: { query: async (key: string) => settings.get(key) ?? null },
      set: {
        mutate: async ({ key, value }: { key: string; value: unknown }) => {
          settings.set(key, value);
          return Object.fromEntries(settings);
        },
      },
    },
    daemon: {
      info: {
        query: async () => ({
          version: "0.1.0",
          pid: 4242,
          home: "/home/dev/.ferry",
          url: "http://127.0.0.1:45123",
        }),
      },
    },
  };
  return fake as unknown as FerryClient;
}
