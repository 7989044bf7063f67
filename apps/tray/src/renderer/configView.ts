import type { Config, ConfigInput, ForwardStatus } from "./api/daemonApi.ts";

/** The remote end of a config as one short string: `svc/web:80`, `app=auth:8080`, `db.example:5432`. */
export function targetText(c: Config): string {
  const where =
    c.workload_type === "service"
      ? `svc/${c.service ?? "?"}`
      : c.workload_type === "pod"
        ? (c.target ?? "?")
        : (c.remote_address ?? "?");
  return `${where}:${c.remote_port}`;
}

export function localText(c: Config): string {
  return `${c.local_address}:${c.local_port ?? c.remote_port}`;
}

/** Case-insensitive match on alias, context, namespace, target and ports. */
export function matchesSearch(c: Config, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  const hay = [
    c.alias,
    c.context ?? "",
    c.namespace,
    targetText(c),
    localText(c),
    c.protocol,
    c.group ?? "",
  ]
    .join(" ")
    .toLowerCase();
  return needle.split(/\s+/).every((word) => hay.includes(word));
}

export function stateOf(statuses: ReadonlyMap<number, ForwardStatus>, id: number): ForwardStatus {
  return statuses.get(id) ?? { id, state: "stopped", error: null };
}

export const isActive = (s: ForwardStatus) =>
  s.state === "running" || s.state === "starting" || s.state === "reconnecting";

/** The dialog's fields, all text as inputs hold them. */
export interface ConfigForm {
  alias: string;
  context: string;
  kubeconfig: string;
  namespace: string;
  workload_type: "service" | "pod" | "proxy";
  service: string;
  target: string;
  remote_address: string;
  protocol: "tcp" | "udp";
  remote_port: string;
  local_port: string;
  local_address: string;
  domain_enabled: boolean;
}

export function emptyForm(): ConfigForm {
  return {
    alias: "",
    context: "",
    kubeconfig: "",
    namespace: "default",
    workload_type: "service",
    service: "",
    target: "",
    remote_address: "",
    protocol: "tcp",
    remote_port: "",
    local_port: "",
    local_address: "127.0.0.1",
    domain_enabled: false,
  };
}

export function formFromConfig(c: Config): ConfigForm {
  return {
    alias: c.alias,
    context: c.context ?? "",
    kubeconfig: c.kubeconfig ?? "",
    namespace: c.namespace,
    workload_type: c.workload_type,
    service: c.service ?? "",
    target: c.target ?? "",
    remote_address: c.remote_address ?? "",
    protocol: c.protocol,
    remote_port: String(c.remote_port),
    local_port: c.local_port === null ? "" : String(c.local_port),
    local_address: c.local_address,
    domain_enabled: c.domain_enabled,
  };
}

/** Numbers stay numbers when they parse; otherwise the raw text goes to the daemon, whose
 * validation message ("expected an integer 1-65535, got "8o"") is then shown on the field. */
function portValue(text: string): number | string | null {
  const t = text.trim();
  if (t === "") return null;
  return /^\d+$/.test(t) ? Number(t) : t;
}

/** The dialog's fields as daemon input; only the target field of the chosen workload is sent. */
export function inputFromForm(f: ConfigForm): ConfigInput {
  const text = (v: string) => (v.trim() === "" ? null : v.trim());
  return {
    alias: text(f.alias),
    context: text(f.context),
    kubeconfig: text(f.kubeconfig),
    namespace: f.namespace.trim(),
    workload_type: f.workload_type,
    service: f.workload_type === "service" ? text(f.service) : null,
    target: f.workload_type === "pod" ? text(f.target) : null,
    remote_address: f.workload_type === "proxy" ? text(f.remote_address) : null,
    protocol: f.protocol,
    // An empty port is left out, so the daemon answers "required" rather than "got null".
    remote_port: (portValue(f.remote_port) ?? undefined) as number,
    local_port: portValue(f.local_port) as number | null,
    local_address: text(f.local_address),
    domain_enabled: f.domain_enabled,
  };
}
