import type {
  Config,
  ConfigInput,
  DaemonApi,
  ForwardEvent,
  ForwardStatus,
} from "../../../src/renderer/api/daemonApi.ts";

/**
 * An in-memory daemon for component-level browser checks of the renderer: enough behaviour
 * (validation messages on fields, a busy port, live events with traffic counters) to drive
 * every view. The real-daemon suite lives in test/e2e.
 */
export function fakeDaemonApi(busyPorts: number[] = []): DaemonApi {
  let nextId = 1;
  const configs: Config[] = [];
  const statuses = new Map<number, ForwardStatus>();
  const listeners = new Set<(e: ForwardEvent) => void>();
  const counters = new Map<number, { bytesIn: number; bytesOut: number }>();
  const emit = (event: ForwardEvent) => {
    for (const l of listeners) l(event);
  };
  setInterval(() => {
    for (const [id, s] of statuses) {
      if (s.state !== "running") continue;
      const c = counters.get(id) ?? { bytesIn: 0, bytesOut: 0 };
      const next = { bytesIn: c.bytesIn + 1000 + id * 300, bytesOut: c.bytesOut + 400 };
      counters.set(id, next);
      emit({
        id,
        at: Date.now(),
        kind: "traffic",
        message: "",
        traffic: { ...next, connections: 1 },
      });
    }
  }, 250);

  const validate = (input: ConfigInput): Config => {
    const issues: { path: string; message: string }[] = [];
    if (!input.namespace)
      issues.push({ path: "namespace", message: 'expected a namespace name, got ""' });
    if (input.workload_type === "service" && !input.service) {
      issues.push({ path: "service", message: 'required when workload_type is "service"' });
    }
    const port = input.remote_port as unknown;
    if (typeof port !== "number" || port < 1 || port > 65535) {
      issues.push({
        path: "remote_port",
        message: `expected an integer 1-65535, got ${JSON.stringify(port ?? null)}`,
      });
    }
    if (issues.length)
      throw Object.assign(new Error(`${issues.length} problem(s) in the config`), {
        data: { code: "INVALID_CONFIG", issues },
      });
    const id = nextId++;
    return {
      id,
      alias:
        input.alias ??
        `${input.workload_type}-${input.protocol ?? "tcp"}-${input.local_port ?? port}`,
      context: input.context ?? null,
      kubeconfig: null,
      namespace: input.namespace,
      workload_type: input.workload_type,
      service: input.service ?? null,
      target: input.target ?? null,
      remote_address: input.remote_address ?? null,
      protocol: input.protocol ?? "tcp",
      remote_port: port as number,
      local_port: (input.local_port as number | null) ?? null,
      local_address: (input.local_address as string | null) ?? "127.0.0.1",
      domain_enabled: false,
      auto_start: false,
      http_logs_enabled: false,
      group: null,
    };
  };

  const setState = (id: number, state: ForwardStatus["state"], error: string | null = null) => {
    statuses.set(id, { id, state, error });
    emit({
      id,
      at: Date.now(),
      kind: "status",
      message: error ?? state,
      status: { id, state, error },
    });
  };

  return {
    listConfigs: async () => structuredClone(configs),
    status: async () => [...statuses.values()],
    createConfig: async (input) => {
      const c = validate(input);
      configs.push(c);
      return c;
    },
    updateConfig: async (id, input) => {
      const c = { ...validate(input), id };
      configs.splice(
        configs.findIndex((x) => x.id === id),
        1,
        c,
      );
      return c;
    },
    deleteConfigs: async (ids) => {
      for (const id of ids)
        configs.splice(
          configs.findIndex((x) => x.id === id),
          1,
        );
    },
    importConfigs: async (text) => {
      const parsed = JSON.parse(text.replace(/("(?:[^"\\]|\\.)*")|\/\/.*$/gm, (_m, s) => s ?? ""));
      const list = (Array.isArray(parsed) ? parsed : [parsed]) as ConfigInput[];
      for (const item of list) configs.push(validate(item));
      return { added: list.length, updated: 0, unchanged: 0, warnings: [] };
    },
    exportConfigs: async () => JSON.stringify(configs, null, 2),
    start: async (ids) => {
      for (const id of ids) {
        const c = configs.find((x) => x.id === id)!;
        const port = c.local_port ?? c.remote_port;
        if (busyPorts.includes(port))
          setState(
            id,
            "error",
            `local port ${port} on 127.0.0.1 is already in use by another program`,
          );
        else setState(id, "running");
      }
    },
    stop: async (ids) => {
      for (const id of ids) setState(id, "stopped");
    },
    contexts: async () => ["kube-sim", "staging"],
    namespaces: async () => ["default", "shop"],
    services: async (_c, _k, ns) => (ns === "shop" ? ["web", "cart"] : ["echo"]),
    ports: async (_c, _k, _ns, svc) =>
      svc === "web"
        ? [{ name: "http", port: 80 }]
        : [
            { name: null, port: 7000 },
            { name: "admin", port: 7001 },
          ],
    getSetting: async () => null,
    setSetting: async () => {},
    daemonInfo: async () => ({
      version: "0.1.0",
      pid: 4242,
      home: "/home/dev/.ferry",
      url: "http://127.0.0.1:45123",
    }),
    onEvents: (handler) => {
      listeners.add(handler);
      return () => listeners.delete(handler);
    },
  };
}
