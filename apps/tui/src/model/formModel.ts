import { type ConfigInput, ConfigInputSchema } from "@ferry/store/schema";
import type { Config } from "../api/daemonApi.ts";

export type FieldName =
  | "context"
  | "namespace"
  | "workload_type"
  | "service"
  | "target"
  | "remote_address"
  | "remote_port"
  | "protocol"
  | "local_port"
  | "local_address"
  | "alias";

export type FormValues = Record<FieldName, string>;

export const FIELD_LABEL: Record<FieldName, string> = {
  context: "Context",
  namespace: "Namespace",
  workload_type: "Workload",
  service: "Service",
  target: "Pod labels",
  remote_address: "Remote host",
  remote_port: "Remote port",
  protocol: "Protocol",
  local_port: "Local port",
  local_address: "Local address",
  alias: "Alias",
};

/** The fields shown, in order: the target field depends on the workload type. */
export function visibleFields(v: FormValues): FieldName[] {
  const target: FieldName =
    v.workload_type === "pod"
      ? "target"
      : v.workload_type === "proxy"
        ? "remote_address"
        : "service";
  return [
    "context",
    "namespace",
    "workload_type",
    target,
    "remote_port",
    "protocol",
    "local_port",
    "local_address",
    "alias",
  ];
}

export function initialValues(c?: Config | null): FormValues {
  const s = (v: string | number | null | undefined) =>
    v === null || v === undefined ? "" : String(v);
  return {
    context: s(c?.context),
    namespace: s(c?.namespace),
    workload_type: c?.workload_type ?? "service",
    service: s(c?.service),
    target: s(c?.target),
    remote_address: s(c?.remote_address),
    remote_port: s(c?.remote_port),
    protocol: c?.protocol ?? "tcp",
    local_port: s(c?.local_port),
    local_address: c?.local_address ?? "127.0.0.1",
    alias: s(c?.alias),
  };
}

const asPort = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/** The form as API input: numbers where the text is a number, empty text as null. */
export function toInput(v: FormValues, kubeconfig: string | null = null): ConfigInput {
  const shown = new Set(visibleFields(v));
  const text = (f: FieldName) => (shown.has(f) && v[f].trim() !== "" ? v[f].trim() : null);
  return {
    alias: text("alias"),
    context: text("context"),
    kubeconfig,
    namespace: v.namespace.trim() || (undefined as unknown as string),
    workload_type: v.workload_type as ConfigInput["workload_type"],
    service: text("service"),
    target: text("target"),
    remote_address: text("remote_address"),
    protocol: v.protocol as ConfigInput["protocol"],
    remote_port: (v.remote_port.trim() === "" ? undefined : asPort(v.remote_port)) as number,
    local_port: v.local_port.trim() === "" ? null : (asPort(v.local_port) as number),
    local_address: v.local_address,
  };
}

/** Per-field messages from the shared schema, the same rules the daemon applies. */
export function validateForm(v: FormValues): Partial<Record<FieldName, string>> {
  const result = ConfigInputSchema.safeParse(toInput(v));
  if (result.success) return {};
  const errors: Partial<Record<FieldName, string>> = {};
  // zod runs the schema's cross-field check only once every field parses; say it up front.
  const target = visibleFields(v)[3] as FieldName;
  if (v[target].trim() === "")
    errors[target] = `required when workload_type is "${v.workload_type}"`;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "") as FieldName;
    if (field in FIELD_LABEL && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** The option after (step 1) or before (step -1) the current value, wrapping around. */
export function cycle(options: readonly string[], current: string, step: 1 | -1): string {
  if (options.length === 0) return current;
  const at = options.indexOf(current);
  if (at < 0) return step === 1 ? (options[0] as string) : (options.at(-1) as string);
  return options[(at + step + options.length) % options.length] as string;
}
