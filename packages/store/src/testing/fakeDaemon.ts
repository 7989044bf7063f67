// Test support, exported as @ferry/store/testing: no product code imports it. Browser-safe like
// the client (the tray's renderer checks run it in Chromium), so it imports only the client.
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
  type SyncReport,
  type SyncSource,
} from "../client/index.ts";
import { FakeHttpLog } from "./fakeHttpLog.ts";
import type { FakeCall, FakeCluster } from "./fakeKube.ts";
import { fakeRouter } from "./fakeRouter.ts";

export type { FakeCluster };

/** A `forwards.events` subscriber. */
export interface FakeListener {
  onStarted?: () => void;
  onData?: (u: ForwardUpdate) => void;
  onError?: (err: unknown) => void;
}

type ConfigChange = { created?: number[]; updated?: number[]; deleted?: number[] };

const unreachable = () =>
  Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } });

/** The shared schema's check, as the daemon runs it: INVALID_CONFIG with one issue per field. */
function checked(input: unknown) {
  const parsed = ConfigInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = formatIssues(parsed.error);
  const list = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  throw new FerryError("INVALID_CONFIG", `invalid config: ${list}`, issues);
}

/**
 * An in-memory daemon behind the typed client's shape, for the apps' component tests: configs,
 * forward rows pushed to `forwards.events` subscribers as the real daemon pushes them, a tiny
 * cluster, HTTP logs, sync sources, settings. Its rules are the real API's: configs are checked
 * by the shared schema on create and update (INVALID_CONFIG), a taken alias is ALIAS_TAKEN (on the
 * alias field), a shared local port saves and the second start is an error row (PORT_IN_USE), as
 * is a port in `busyPorts` (another program's). Setting `down` fails every call and ends every
 * subscription, as a dead daemon does; `hold` keeps calls pending (spinner and cancel tests).
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
  /** Local ports another program holds: starting a forward on one is PORT_IN_USE. */
  busyPorts: number[] = [];
  /** The pod a started forward reaches. */
  podName: (c: Config) => string = (c) => `pod-${c.id}`;
  /** What `daemon.info` says. */
  version = "9.9.9-fake";
  syncSources: SyncSource[] = [];
  syncReports: SyncReport[] = [];
  readonly httpLog = new FakeHttpLog();
  private listeners = new Set<FakeListener>();
  private configListeners = new Set<{ onData?: (c: unknown) => void }>();
  private syncListeners = new Set<{ onData?: (s: SyncSource) => void }>();
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

  /** Logged exchanges per config id, oldest first. */
  get exchanges() {
    return this.httpLog.exchanges;
  }

  /** How many `logs.follow` subscriptions are open (a test waits for the app's). */
  get followers() {
    return this.httpLog.followers;
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

  /** Sends one update to every subscriber, as the daemon does on each change. */
  push(kind: ForwardUpdate["kind"], row: ForwardRow, log: ForwardUpdate["log"] = null) {
    if (kind !== "log") this.rows.set(row.id, row);
    for (const l of this.listeners) l.onData?.({ kind, at: Date.now(), row, log });
  }

  /** One round of traffic on every running forward (a page that shows live charts ticks it). */
  tickTraffic() {
    for (const row of this.rows.values()) {
      if (row.state !== "running") continue;
      const bytesIn = row.bytesIn + 1000 + row.id * 300;
      this.push("traffic", { ...row, bytesIn, bytesOut: row.bytesOut + 400, connections: 1 });
    }
  }

  /** As the daemon: the forward's count goes up (no `forwards.events` push), then it is followed. */
  logExchange(e: HttpExchangeDetail) {
    const row = this.rows.get(e.configId);
    if (row?.httpLog.enabled)
      this.rows.set(e.configId, {
        ...row,
        httpLog: { ...row.httpLog, exchanges: row.httpLog.exchanges + 1 },
      });
    this.httpLog.add(e);
  }

  /** A source's new status, pushed as the daemon pushes `sync.events`. */
  pushSync(s: SyncSource) {
    this.syncSources = [...this.syncSources.filter((o) => o.name !== s.name), s];
    for (const l of this.syncListeners) l.onData?.(s);
  }

  /** Deletes configs, as `configs.delete` does. */
  remove(ids: number[]): number {
    this.configs = this.configs.filter((c) => !ids.includes(c.id));
    this.changed({ deleted: ids });
    return ids.length;
  }

  /** Tells `configs.changes` subscribers that configs changed, as the daemon does. */
  private changed(ids: ConfigChange) {
    const change = { at: Date.now(), created: [], updated: [], deleted: [], ...ids };
    for (const l of this.configListeners) setTimeout(() => l.onData?.(change), 0);
  }

  /** Starts or stops forwards, each pushed as a status update (start may end in an error row). */
  setState(ids: readonly number[], state: "running" | "stopped") {
    for (const id of ids) {
      const c = this.configs.find((x) => x.id === id);
      if (!c) continue;
      const holder = state === "running" ? this.portHolder(c) : null;
      this.push("status", {
        ...this.row(c),
        localPort: c.local_port ?? c.remote_port,
        state: holder ? "error" : state,
        pod: state === "running" && !holder ? this.podName(c) : null,
        error: holder ? { code: "PORT_IN_USE", message: holder } : null,
      });
    }
  }

  /** The runtime's message when another running config or program holds the port, or null. */
  private portHolder(c: Config): string | null {
    const port = c.local_port ?? c.remote_port;
    if (this.busyPorts.includes(port))
      return `local port ${port} on ${c.local_address} is already in use by another program`;
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

  /** The config ids a selector names (none: every config). */
  select(s: ForwardSelector | undefined): number[] {
    if (!s || s.all) return this.configs.map((c) => c.id);
    return this.configs
      .filter((c) => s.ids?.includes(c.id) || (s.group !== undefined && c.group === s.group))
      .map((c) => c.id);
  }

  private aliasTaken(alias: string | null | undefined, id: number | null) {
    if (alias && this.configs.some((c) => c.alias === alias && c.id !== id))
      throw new FerryError(
        "ALIAS_TAKEN",
        `alias "${alias}" is already used by another config; choose another alias`,
        [{ path: "alias", message: "already used by another config" }],
      );
  }

  create(input: unknown): Config {
    const d = checked(input);
    this.aliasTaken(d.alias, null);
    const c = this.add({ ...d, alias: d.alias ?? defaultAlias(d) });
    this.changed({ created: [c.id] });
    return c;
  }

  /** As the store: the patch over the config, checked whole. */
  update({ id, patch }: { id: number; patch: Partial<Config> }): Config {
    const at = this.configs.findIndex((c) => c.id === id);
    const old = this.configs[at];
    if (!old) throw new FerryError("NOT_FOUND", `no config with id ${id}`);
    const d = checked({ ...old, ...patch });
    this.aliasTaken(d.alias, id);
    const next = { ...old, ...d, id, alias: d.alias ?? old.alias } as Config;
    this.configs[at] = next;
    this.changed({ updated: [id] });
    return next;
  }

  /** One object or an array, `//` comments allowed (as the daemon's JSONC reader). */
  importText({ text }: { text: string }) {
    const json = text.replace(/("(?:[^"\\]|\\.)*")|\/\/.*$/gm, (_m, s) => s ?? "");
    const parsed: unknown = JSON.parse(json);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const added = list.map((item, index) => ({ index, ...this.create(item) }));
    return { dryRun: false, added, updated: [], unchanged: [], skipped: [], warnings: [] };
  }

  /** Records the call, then fails as a dead daemon does or waits for `hold`. */
  private call: FakeCall = (name, fn) => {
    return async (...args) => {
      this.calls.push(typeof name === "string" ? name : name(...args));
      if (this.isDown) throw unreachable();
      if (this.hold) await this.hold;
      return fn(...args);
    };
  };

  /** `forwards.events`: started at once, or failed at once when the daemon is down. */
  subscribe(l: FakeListener) {
    if (this.isDown) setTimeout(() => l.onError?.(unreachable()), 0);
    else {
      this.listeners.add(l);
      setTimeout(() => l.onStarted?.(), 0);
    }
    return { unsubscribe: () => this.listeners.delete(l) };
  }

  /** `configs.changes`: only pushes, no start or end. */
  subscribeConfigs(l: { onData?: (c: unknown) => void }) {
    this.configListeners.add(l);
    return { unsubscribe: () => this.configListeners.delete(l) };
  }

  /** `sync.events`: only pushes, no start or end. */
  subscribeSync(l: { onData?: (s: SyncSource) => void }) {
    this.syncListeners.add(l);
    return { unsubscribe: () => this.syncListeners.delete(l) };
  }

  /** The typed client's shape over this fake: what the TUI and the tray call. */
  client(): FerryClient {
    return fakeRouter(this, this.call) as unknown as FerryClient;
  }
}
