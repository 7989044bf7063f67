import { ConfigInputSchema, defaultAlias, FerryError } from "@ferry/store/schema";
import type {
  Config,
  ConfigInput,
  DaemonApi,
  ForwardStatus,
  ImportResult,
  KubePort,
} from "../../src/api/daemonApi.ts";

export interface FakeCluster {
  contexts: string[];
  namespaces: Record<string, string[]>;
  services: Record<string, string[]>;
  ports: Record<string, KubePort[]>;
}

/**
 * An in-memory daemon for component tests: configs, forward states and a tiny cluster. `down`
 * makes every call fail the way an unreachable daemon does; `files` stands in for the disk.
 */
export class FakeDaemon implements DaemonApi {
  configs: Config[] = [];
  statuses = new Map<number, ForwardStatus>();
  files = new Map<string, Config[]>();
  cluster: FakeCluster = { contexts: [], namespaces: {}, services: {}, ports: {} };
  down = false;
  /** Resolves pending calls only when released: for spinner and cancel tests. */
  hold: Promise<void> | null = null;
  calls: string[] = [];
  private nextId = 1;

  private async gate(name: string) {
    this.calls.push(name);
    if (this.down)
      throw Object.assign(new Error("fetch failed"), { cause: { code: "ECONNREFUSED" } });
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

  async listConfigs() {
    await this.gate("listConfigs");
    return [...this.configs];
  }
  async status() {
    await this.gate("status");
    return this.configs.map(
      (c) => this.statuses.get(c.id) ?? { id: c.id, state: "stopped" as const },
    );
  }
  async createConfig(input: ConfigInput) {
    await this.gate("createConfig");
    const parsed = ConfigInputSchema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join("."),
        message: i.message,
      }));
      throw new FerryError("INVALID_CONFIG", "The config is not valid.", issues);
    }
    const d = parsed.data;
    // As the real API: a taken alias is refused (ALIAS_TAKEN, no field named); a local port
    // shared with another config is accepted (kftray's own examples share 8080), and refused
    // when the second one starts.
    if (d.alias && this.configs.some((c) => c.alias === d.alias))
      throw new FerryError(
        "ALIAS_TAKEN",
        `alias "${d.alias}" is already used by another config; choose another alias`,
      );
    return this.add({ ...d, alias: d.alias ?? defaultAlias(d) });
  }
  async updateConfig(id: number, input: ConfigInput) {
    await this.gate("updateConfig");
    const at = this.configs.findIndex((c) => c.id === id);
    const d = ConfigInputSchema.parse(input);
    const next = {
      ...(this.configs[at] as Config),
      ...d,
      alias: d.alias ?? (this.configs[at] as Config).alias,
    };
    this.configs[at] = next;
    return next;
  }
  async deleteConfigs(ids: number[]) {
    await this.gate("deleteConfigs");
    this.configs = this.configs.filter((c) => !ids.includes(c.id));
  }
  async importFile(path: string): Promise<ImportResult> {
    await this.gate(`importFile ${path}`);
    const list = this.files.get(path);
    if (!list) throw new FerryError("NOT_FOUND", `${path}: no such file`);
    for (const c of list) this.add(c);
    return { added: list.length, updated: 0, unchanged: 0, warnings: [] };
  }
  async exportFile(path: string) {
    await this.gate(`exportFile ${path}`);
    this.files.set(path, [...this.configs]);
    return this.configs.length;
  }
  private set(ids: number[], state: ForwardStatus["state"]) {
    for (const id of ids) {
      const holder = state === "running" ? this.portHolder(id) : null;
      this.statuses.set(
        id,
        holder
          ? { id, state: "error", error: holder }
          : { id, state, pod: state === "running" ? `pod-${id}` : null },
      );
    }
  }
  /** The runtime's PORT_IN_USE message when another active config holds the port, or null. */
  private portHolder(id: number): string | null {
    const config = this.configs.find((c) => c.id === id);
    if (!config) return null;
    const port = config.local_port ?? config.remote_port;
    const other = this.configs.find(
      (c) =>
        c.id !== id &&
        this.statuses.get(c.id)?.state === "running" &&
        (c.local_port ?? c.remote_port) === port &&
        c.local_address === config.local_address,
    );
    return other
      ? `local port ${port} is already used by config '${other.alias}' on ${config.local_address}`
      : null;
  }
  async start(ids: number[]) {
    await this.gate(`start ${ids.join(",")}`);
    this.set(ids, "running");
  }
  async stop(ids: number[]) {
    await this.gate(`stop ${ids.join(",")}`);
    this.set(ids, "stopped");
  }
  async startAll() {
    await this.gate("startAll");
    this.set(
      this.configs.map((c) => c.id),
      "running",
    );
  }
  async stopAll() {
    await this.gate("stopAll");
    this.set(
      this.configs.map((c) => c.id),
      "stopped",
    );
  }
  async contexts() {
    await this.gate("contexts");
    return this.cluster.contexts;
  }
  async namespaces(scope: { context: string | null }) {
    await this.gate("namespaces");
    return this.cluster.namespaces[scope.context ?? ""] ?? [];
  }
  async services(_scope: unknown, namespace: string) {
    await this.gate("services");
    return this.cluster.services[namespace] ?? [];
  }
  async ports(_scope: unknown, namespace: string, service: string) {
    await this.gate("ports");
    return this.cluster.ports[`${namespace}/${service}`] ?? [];
  }
}
