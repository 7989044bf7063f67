import {
  CONFIG_FIELDS,
  type Config,
  type ConfigDraft,
  type ConfigField,
  type ConfigInput,
  ConfigInputSchema,
  DEFAULT_LOCAL_ADDRESS,
  HTTP_LOG_LIMIT_FIELDS,
  type HttpLogLimitField,
  type Protocol,
  TARGET_FIELD,
  type WorkloadType,
} from "../schema/config.ts";
import { formatIssues } from "../schema/formatIssues.ts";
import { fieldErrors } from "./fieldErrors.ts";

// The config form of every app (tray dialog, TUI form): the values as inputs hold them, the
// fields to show, and a check at save built on the same schema the daemon validates with.

/**
 * Every field a form can show, in display order: the config's own fields but kftray's HTTP log
 * limits (set through `configs.update`; a form that saves leaves them as they are).
 */
export type FormField = Exclude<ConfigField, HttpLogLimitField>;
export const FORM_FIELDS = CONFIG_FIELDS.filter(
  (f): f is FormField => !(HTTP_LOG_LIMIT_FIELDS as readonly string[]).includes(f),
);

type FlagField = "domain_enabled" | "auto_start" | "http_logs_enabled";

/** A form's values: text as typed, the two choices, and the flags as booleans. */
export type FormValues = {
  [F in Exclude<FormField, FlagField | "workload_type" | "protocol">]: string;
} & { workload_type: WorkloadType; protocol: Protocol } & { [F in FlagField]: boolean };

export const FIELD_LABELS: Record<FormField, string> = {
  alias: "Alias",
  context: "Context",
  kubeconfig: "Kubeconfig",
  namespace: "Namespace",
  workload_type: "Workload",
  service: "Service",
  target: "Pod labels",
  remote_address: "Remote host",
  protocol: "Protocol",
  remote_port: "Remote port",
  local_port: "Local port",
  local_address: "Local address",
  domain_enabled: "Hosts entry",
  auto_start: "Start with daemon",
  http_logs_enabled: "HTTP logs",
  group: "Group",
};

/** A new config's form: the schema's defaults. */
export function emptyForm(): FormValues {
  return {
    alias: "",
    context: "",
    kubeconfig: "",
    namespace: "",
    workload_type: "service",
    service: "",
    target: "",
    remote_address: "",
    protocol: "tcp",
    remote_port: "",
    local_port: "",
    local_address: DEFAULT_LOCAL_ADDRESS,
    domain_enabled: false,
    auto_start: false,
    http_logs_enabled: false,
    group: "",
  };
}

const text = (v: string | number | null | undefined) =>
  v === null || v === undefined ? "" : String(v);

/** A stored config's form, to edit it. */
export function formFromConfig(c: Config): FormValues {
  return {
    alias: c.alias,
    context: text(c.context),
    kubeconfig: text(c.kubeconfig),
    namespace: c.namespace,
    workload_type: c.workload_type,
    service: text(c.service),
    target: text(c.target),
    remote_address: text(c.remote_address),
    protocol: c.protocol,
    remote_port: String(c.remote_port),
    local_port: text(c.local_port),
    local_address: c.local_address,
    domain_enabled: c.domain_enabled,
    auto_start: c.auto_start,
    http_logs_enabled: c.http_logs_enabled,
    group: text(c.group),
  };
}

/** The fields to show, in order: only the target field the workload type uses. */
export function visibleFields(values: Pick<FormValues, "workload_type">): FormField[] {
  const target = TARGET_FIELD[values.workload_type];
  return FORM_FIELDS.filter(
    (f) => !(f === "service" || f === "target" || f === "remote_address") || f === target,
  );
}

/** Digits become a number; other text goes as typed, so the schema names the bad value. */
function portValue(t: string): number | string | null {
  const trimmed = t.trim();
  if (trimmed === "") return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/**
 * The form as API input (`configs.create`, or the `patch` of `configs.update`): empty text is
 * null, only the chosen workload's target field is sent, and an empty remote port is left out
 * so the answer is "required" rather than "got null".
 */
export function formInput(values: FormValues): ConfigInput {
  const opt = (v: string) => (v.trim() === "" ? null : v.trim());
  const target = TARGET_FIELD[values.workload_type];
  const remotePort = portValue(values.remote_port);
  return {
    alias: opt(values.alias),
    context: opt(values.context),
    kubeconfig: opt(values.kubeconfig),
    namespace: values.namespace.trim(),
    workload_type: values.workload_type,
    service: target === "service" ? opt(values.service) : null,
    target: target === "target" ? opt(values.target) : null,
    remote_address: target === "remote_address" ? opt(values.remote_address) : null,
    protocol: values.protocol,
    // Wrong text is passed on as typed for the schema to quote; the cast only widens the type.
    ...(remotePort === null ? {} : { remote_port: remotePort as number }),
    local_port: portValue(values.local_port) as number | null,
    local_address: opt(values.local_address),
    domain_enabled: values.domain_enabled,
    auto_start: values.auto_start,
    http_logs_enabled: values.http_logs_enabled,
    group: opt(values.group),
  } as ConfigInput;
}

export type FieldMessages = Partial<Record<FormField, string>>;

export interface FormCheck {
  /** The validated config, or null when `errors` has something. */
  draft: ConfigDraft | null;
  /** What must change before saving, per field (the daemon would refuse the same). */
  errors: FieldMessages;
  /** What the user should know but may save anyway, per field. */
  warnings: FieldMessages;
}

/**
 * Checks a form at save with the daemon's own schema. A local port that another config also
 * uses is a warning, not an error: the API accepts it (kftray's own examples share 8080) and a
 * start reports PORT_IN_USE while the other runs.
 */
export function checkForm(
  values: FormValues,
  others: readonly Pick<
    Config,
    "id" | "alias" | "local_address" | "local_port" | "remote_port"
  >[] = [],
  editingId: number | null = null,
): FormCheck {
  const input = formInput(values);
  const parsed = ConfigInputSchema.safeParse(input);
  const errors: FieldMessages = {};
  if (!parsed.success) {
    // zod runs the cross-field check (the target field) only once each field parses: say it now.
    const target = TARGET_FIELD[values.workload_type];
    if (values[target].trim() === "")
      errors[target] = `required when workload_type is "${values.workload_type}"`;
    for (const [field, message] of Object.entries(fieldErrors(formatIssues(parsed.error))))
      if (field in FIELD_LABELS) errors[field as FormField] ??= message;
  }
  const warnings: FieldMessages = {};
  const draft = parsed.success ? parsed.data : null;
  if (draft) {
    const port = draft.local_port ?? draft.remote_port;
    const clash = others.find(
      (o) =>
        o.id !== editingId &&
        port !== 0 &&
        (o.local_port ?? o.remote_port) === port &&
        o.local_address === draft.local_address,
    );
    if (clash)
      warnings.local_port = `config '${clash.alias}' also uses ${draft.local_address}:${port}; only one of them can run at a time`;
  }
  return { draft, errors, warnings };
}

/** The daemon's refusal (its `issues`) as messages beside the form's fields. */
export function formErrorsFrom(issues: unknown): FieldMessages {
  const errors: FieldMessages = {};
  for (const [field, message] of Object.entries(fieldErrors(issues)))
    if (field in FIELD_LABELS) errors[field as FormField] = message;
  return errors;
}
