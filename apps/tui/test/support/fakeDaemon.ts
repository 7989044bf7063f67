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
  type HttpExchangeDetail,
  type HttpExchangeSummary,
  type PortInfo,
  type SyncReport,
  type SyncSource,
} from "@ferry/store/client";

export interface FakeCluster {
  contexts: string[];
  namespaces: Record<string, string[]>;
  services: Record<string, string[]>;
  /** Ports by `namespace/service` or `namespace/labelSelector`. */
  ports: Record<string, PortInfo[]>;
  /** Pods by namespace. */
  pods?: Record<string, { name: string; ready: boolean; labels: Record<string, string> }[]>;
}

/** A `k=v,k2=v2` selector's test, as the API server applies it (equality terms only). */
const matches = (selector: string | undefined, labels: Record<string, string>) =>
  !selector ||
  selector.split(",").every((term) => {
    const [k, v] = term.split("=");
    return k !== undefined && labels[k.trim()] === v?.trim();
  });

interface Listener {
  onStarted?: () => void;
  onData?: (u: ForwardUpdate) => void;
  onError?: (err: unknown) => void;
}

const unreachable = () =>
  Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } });

/**
 * An in-memory daemon behind the typed client's shape, for component tests: configs, forward
 * rows pushed to `forwards.events` subscribers as the real daemon pushes them, and a tiny
 * cluster. Setting `down` fails every call and ends every subscription, as a dead daemon does.
 * Its rules are the real API's: a taken alias is ALIAS_TAKEN (on the alias field), a shared
 * local port saves and
 * the second start is an error row (PORT_IN_USE).
 */
export class FakeDaemon {
  configs: Config[] = [];
  rows = new Map<number, ForwardRow>();
  cluster: FakeCluster = { contexts: [], namespaces: {}, services: {}, ports: {} };
  /** Resolves pending calls only when released: for spinner and cancel tests. */
  hold: Promise<void> | null = null;
  calls: string[] = [];
  settings: Record<string, unknown> = {};
  /** When set, `kube.contexts` fails with this message (an unreachable cluster). */
  contextsError: string | null = null;
  private listeners = new Set<Listener>();
  private configListeners = new Set<{ onData?: (c: unknown) => void }>();
  private isDown = false;
  private nextId = 1;

  get down() {
    return this.isDown;
  }
  set down(value: boolean) {
    this.isDown = value;
    if (!value) return;
    for (const l of this.listeners) l.onError?.(unreachable());
    this.listeners.clear();
  }

  private async gate(name: string) {
    this.calls.push(name);
    if (this.isDown) throw unreachable();
    if (this.hold) await this.hold;
  }

  add(partial: Partial<Config> & Pick<Config, "alias" | "namespace">): Config {
    const c: Config = {
      id: this.nextId++,
      context: null,
      kubeconfig: null,
      workload_type: "service",
      service: "svc",
      target: null,
      remote_address: null,
      protocol: "tcp",
      remote_port: 80,
      local_port: 8080,
      local_address: "127.0.0.1",
      domain_enabled: false,
      auto_start: false,
      http_logs_enabled: false,
      group: null,
      ...partial,
    };
    this.configs.push(c);
    return c;
  }

  row(c: Config): ForwardRow {
    return this.rows.get(c.id) ?? forwardRow(c, null);
  }

  /** Tells `configs.changes` subscribers that configs changed, as the daemon does. */
  private changed(ids: { created?: number[]; updated?: number[]; deleted?: number[] }) {
    const change = { at: Date.now(), created: [], updated: [], deleted: [], ...ids };
    for (const l of this.configListeners) setTimeout(() => l.onData?.(change), 0);
  }

  /** Sends one update to every subscriber, as the daemon does on each change. */
  push(kind: ForwardUpdate["kind"], row: ForwardRow, log: ForwardUpdate["log"] = null) {
    if (kind !== "log") this.rows.set(row.id, row);
    for (const l of this.listeners) l.onData?.({ kind, at: Date.now(), row, log });
  }

  private setState(ids: readonly number[], state: "running" | "stopped") {
    for (const id of ids) {
      const c = this.configs.find((x) => x.id === id);
      if (!c) continue;
      const holder = state === "running" ? this.portHolder(c) : null;
      this.push("status", {
        ...this.row(c),
        state: holder ? "error" : state,
        pod: state === "running" && !holder ? `pod-${id}` : null,
        error: holder ? { code: "PORT_IN_USE", message: holder } : null,
      });
    }
  }

  /** The runtime's message when another running config holds the port, or null. */
  private portHolder(c: Config): string | null {
    const port = c.local_port ?? c.remote_port;
    const other = this.configs.find(
      (o) =>
        o.id !== c.id &&
        this.rows.get(o.id)?.state === "running" &&
        (o.local_port ?? o.remote_port) === port &&
        o.local_address === c.local_address,
    );
    return other
      ? `local port ${port} is already used by config '${other.alias}' on ${c.local_address}`
      : null;
  }

  private select(s: ForwardSelector | undefined): number[] {
    if (!s || s.all) return this.configs.map((c) => c.id);
    return this.configs
      .filter((c) => s.ids?.includes(c.id) || (s.group !== undefined && c.group === s.group))
      .map((c) => c.id);
  }

  private create(input: unknown): Config {
    const parsed = ConfigInputSchema.safeParse(input);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error);
      throw new FerryError("INVALID_CONFIG", "The config is not valid.", issues);
    }
    const d = parsed.data;
    if (d.alias && this.configs.some((c) => c.alias === d.alias))
      throw new FerryError(
        "ALIAS_TAKEN",
        `alias "${d.alias}" is already used by another config; choose another alias`,
        [{ path: "alias", message: "already used by another config" }],
      );
    const c = this.add({ ...d, alias: d.alias ?? defaultAlias(d) });
    this.changed({ created: [c.id] });
    return c;
  }

  /** Records the call, then fails as a dead daemon does or waits for `hold`. */
  private call<A extends unknown[], R>(name: string | ((...a: A) => string), fn: (...a: A) => R) {
    return async (...args: A): Promise<R> => {
      await this.gate(typeof name === "string" ? name : name(...args));
      return fn(...args);
    };
  }

  private subscribe(l: Listener) {
    if (this.isDown) setTimeout(() => l.onError?.(unreachable()), 0);
    else {
      this.listeners.add(l);
      setTimeout(() => l.onStarted?.(), 0);
    }
    return { unsubscribe: () => this.listeners.delete(l) };
  }

  private update({ id, patch }: { id: number; patch: Partial<Config> }): Config {
    const at = this.configs.findIndex((c) => c.id === id);
    const old = this.configs[at] as Config;
    const next = { ...old, ...patch, alias: patch.alias ?? old.alias } as Config;
    this.configs[at] = next;
    this.changed({ updated: [id] });
    return next;
  }

  private importText({ text }: { text: string }) {
    const added = (JSON.parse(text) as Config[]).map((c, index) => ({ index, ...this.create(c) }));
    return { dryRun: false, added, updated: [], unchanged: [], skipped: [], warnings: [] };
  }

  private kube() {
    return {
      contexts: {
        query: this.call("contexts", () => {
          if (this.contextsError) throw new Error(this.contextsError);
          return this.cluster.contexts.map((name) => ({
            name,
            cluster: name,
            namespace: null,
            current: false,
          }));
        }),
      },
      namespaces: {
        query: this.call(
          "namespaces",
          ({ context }: { context?: string | null }) =>
            this.cluster.namespaces[context ?? ""] ?? [],
        ),
      },
      services: {
        query: this.call("services", ({ namespace }: { namespace: string }) =>
          (this.cluster.services[namespace] ?? []).map((name) => ({ name, ports: [] })),
        ),
      },
      pods: {
        query: this.call(
          "pods",
          ({ namespace, labelSelector }: { namespace: string; labelSelector?: string }) =>
            (this.cluster.pods?.[namespace] ?? []).filter((p) => matches(labelSelector, p.labels)),
        ),
      },
      ports: {
        query: this.call(
          "ports",
          (q: { namespace: string; service?: string; labelSelector?: string }) =>
            this.cluster.ports[`${q.namespace}/${q.service ?? q.labelSelector}`] ?? [],
        ),
      },
    };
  }

  /** Logged exchanges per config id, oldest first; `logExchange` adds one and pushes it. */
  exchanges = new Map<number, HttpExchangeDetail[]>();
  syncSources: SyncSource[] = [];
  syncReports: SyncReport[] = [];
  private exchangeListeners = new Set<{
    ref?: number;
    l: { onData?: (e: HttpExchangeSummary) => void };
  }>();
  private syncListeners = new Set<{ onData?: (s: SyncSource) => void }>();

  /** How many `logs.follow` subscriptions are open (a test waits for the app's). */
  get followers() {
    return this.exchangeListeners.size;
  }

  /** As the daemon: the forward's count goes up (no `forwards.events` push), then it is followed. */
  logExchange(e: HttpExchangeDetail) {
    this.exchanges.set(e.configId, [...(this.exchanges.get(e.configId) ?? []), e]);
    const row = this.rows.get(e.configId);
    if (row?.httpLog.enabled)
      this.rows.set(e.configId, {
        ...row,
        httpLog: { ...row.httpLog, exchanges: row.httpLog.exchanges + 1 },
      });
    for (const { ref, l } of this.exchangeListeners)
      if (ref === undefined || ref === e.configId) l.onData?.(e);
  }

  /** A source's new status, pushed as the daemon pushes `sync.events`. */
  pushSync(s: SyncSource) {
    this.syncSources = [...this.syncSources.filter((o) => o.name !== s.name), s];
    for (const l of this.syncListeners) l.onData?.(s);
  }

  private logs() {
    const list = (ref: number) => this.exchanges.get(ref) ?? [];
    return {
      http: {
        query: this.call("httpLog", (q: { ref: number; since?: number; bodies?: boolean }) =>
          list(q.ref)
            .filter((e) => q.since === undefined || e.requestAt >= q.since)
            .map((e) => (q.bodies ? e : { ...e, requestBody: "", responseBody: "" })),
        ),
      },
      follow: {
        subscribe: (i: { ref?: number }, l: { onData?: (e: HttpExchangeSummary) => void }) => {
          const entry = { ...(i.ref === undefined ? {} : { ref: i.ref }), l };
          this.exchangeListeners.add(entry);
          return { unsubscribe: () => this.exchangeListeners.delete(entry) };
        },
      },
      replay: {
        mutate: this.call("replay", ({ ref, traceId }: { ref: number; traceId: string }) => {
          const e = list(ref).find((x) => x.traceId === traceId);
          if (!e) throw new FerryError("NOT_FOUND", `no exchange ${traceId}`);
          // As the daemon: the replay goes through the forward and is logged as a new exchange.
          this.logExchange({ ...e, traceId: `${traceId}-replay`, requestAt: Date.now() });
          return { status: e.status ?? 0, durationMs: 3 };
        }),
      },
      file: { query: this.call("httpLogFile", () => ({ path: null })) },
    };
  }

  /** The typed client's shape over this fake; only what the TUI calls. */
  client(): FerryClient {
    const selectorName = (verb: string) => (s: ForwardSelector) =>
      s.group ? `${verb} group ${s.group}` : `${verb} ${s.ids?.join(",")}`;
    const fake = {
      configs: {
        list: { query: this.call("listConfigs", () => [...this.configs]) },
        create: { mutate: this.call("createConfig", (input: unknown) => this.create(input)) },
        update: {
          mutate: this.call("updateConfig", (u: { id: number; patch: Partial<Config> }) =>
            this.update(u),
          ),
        },
        delete: {
          mutate: this.call("deleteConfigs", (ids: number[]) => {
            this.configs = this.configs.filter((c) => !ids.includes(c.id));
            this.changed({ deleted: ids });
            return ids.length;
          }),
        },
        import: { mutate: this.call("importConfigs", (i: { text: string }) => this.importText(i)) },
        export: { query: this.call("exportConfigs", () => JSON.stringify(this.configs)) },
        changes: {
          subscribe: (_input: undefined, l: { onData?: (c: unknown) => void }) => {
            this.configListeners.add(l);
            return { unsubscribe: () => this.configListeners.delete(l) };
          },
        },
      },
      forwards: {
        status: { query: this.call("status", () => this.configs.map((c) => this.row(c))) },
        start: {
          mutate: this.call(selectorName("start"), (s: ForwardSelector) =>
            this.setState(this.select(s), "running"),
          ),
        },
        stop: {
          mutate: this.call(selectorName("stop"), (s: ForwardSelector) =>
            this.setState(this.select(s), "stopped"),
          ),
        },
        startAll: {
          mutate: this.call("startAll", () => this.setState(this.select(undefined), "running")),
        },
        stopAll: {
          mutate: this.call("stopAll", () => this.setState(this.select(undefined), "stopped")),
        },
        events: { subscribe: (_input: undefined, l: Listener) => this.subscribe(l) },
      },
      kube: this.kube(),
      logs: this.logs(),
      sync: {
        list: { query: this.call("syncList", () => [...this.syncSources]) },
        now: { mutate: this.call("syncNow", () => this.syncReports) },
        events: {
          subscribe: (_i: undefined, l: { onData?: (s: SyncSource) => void }) => {
            this.syncListeners.add(l);
            return { unsubscribe: () => this.syncListeners.delete(l) };
          },
        },
      },
      settings: {
        all: { query: this.call("settings", () => ({ ...this.settings })) },
        set: {
          mutate: this.call("setSetting", ({ key, value }: { key: string; value: unknown }) => {
            this.settings[key] = value;
            return { ...this.settings };
          }),
        },
        delete: {
          mutate: this.call("deleteSetting", (key: string) => {
            delete this.settings[key];
            return { ...this.settings };
          }),
        },
      },
      daemon: {
        info: {
          query: this.call("info", () => ({
            pid: 4242,
            version: "9.9.9-fake",
            home: "/home/dev/.ferry",
            url: "http://127.0.0.1:45123",
          })),
        },
      },
    };
    return fake as unknown as FerryClient;
  }
}
