import * as z from "zod";
import { describeValue } from "./describeValue.ts";
import { hostPartOf, isHostAddress } from "./hostAddress.ts";
import { isIpAddress } from "./ipAddress.ts";
import { isDnsLabel, labelSelectorProblem } from "./kubeNames.ts";
import { hasControlCharacters } from "./printable.ts";

// The one schema every entry point validates with: CLI flags, import files, the daemon's API and
// the UIs' forms (so it stays browser-safe: no Node imports). Field names are kftray's JSON names, so its exports import unchanged.

export const WORKLOAD_TYPES = ["service", "pod", "proxy"] as const;
export const PROTOCOLS = ["tcp", "udp"] as const;
export type WorkloadType = (typeof WORKLOAD_TYPES)[number];
export type Protocol = (typeof PROTOCOLS)[number];

/** Every config field, in the order exports and tables show them. */
export const CONFIG_FIELDS = [
  "alias",
  "context",
  "kubeconfig",
  "namespace",
  "workload_type",
  "service",
  "target",
  "remote_address",
  "protocol",
  "remote_port",
  "local_port",
  "local_address",
  "domain_enabled",
  "auto_start",
  "http_logs_enabled",
  "http_logs_max_file_size",
  "http_logs_retention_days",
  "http_logs_auto_cleanup",
  "group",
] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

/** kftray's HTTP log limits (issue 17): null when not given (the defaults apply). */
export const HTTP_LOG_LIMIT_FIELDS = [
  "http_logs_max_file_size",
  "http_logs_retention_days",
  "http_logs_auto_cleanup",
] as const;
export type HttpLogLimitField = (typeof HTTP_LOG_LIMIT_FIELDS)[number];

/** kftray fields Ferry does not use: dropped silently on import (they are part of the format). */
export const IGNORED_KFTRAY_FIELDS = ["id", "auto_loopback_address"] as const;

export const DEFAULT_LOCAL_ADDRESS = "127.0.0.1";

/** Error text for a value that is present but wrong, or "required" when it is missing. */
function expected(what: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined ? "required" : `expected ${what}, got ${describeValue(issue.input)}`;
}

const quoted = (values: readonly string[]) => values.map((v) => `"${v}"`).join(", ");

const portError = expected("an integer 1-65535");
const port = z
  .number({ error: portError })
  .int({ error: portError })
  .min(1, { error: portError })
  .max(65535, {
    error: portError,
  });
const localPortError = expected("an integer 0-65535 (0 picks a free port) or null");
const localPort = z
  .number({ error: localPortError })
  .int({ error: localPortError })
  .min(0, { error: localPortError })
  .max(65535, { error: localPortError });

/** Optional text: "" and null both mean "not set" and are stored as null. */
const optionalText = z
  .union([z.string(), z.null()], { error: expected("a string") })
  .optional()
  .transform((v) => (v === undefined || v === null || v.trim() === "" ? null : v.trim()));

// Text that is printed (tables, the tray, the TUI) must not carry terminal escapes or reorder
// what surrounds it.
const PRINTABLE_ERROR = (issue: { input?: unknown }) =>
  `expected text without control or bidi characters, got ${describeValue(issue.input)}`;
const printableText = optionalText.refine((v) => v === null || !hasControlCharacters(v), {
  error: PRINTABLE_ERROR,
});

/** Optional text that, when set, must pass `valid`; `what` and `hint` make the message. */
const checkedText = (
  what: string,
  valid: (v: string) => boolean,
  hint: (v: string) => string = () => "",
) =>
  optionalText.superRefine((v, ctx) => {
    if (v === null || valid(v)) return;
    ctx.addIssue({
      code: "custom",
      input: v,
      message: `expected ${what}, got ${describeValue(v)}${hint(v)}`,
    });
  });

const DNS_LABEL_RULE = "lowercase letters, digits and '-', at most 63";

const requiredText = (what: string) =>
  z
    .string({ error: expected(what) })
    .trim()
    .min(1, { error: expected(what) });

const namespaceName = requiredText("a namespace name").refine(isDnsLabel, {
  error: (issue) =>
    `expected a namespace name (${DNS_LABEL_RULE}), got ${describeValue(issue.input)}`,
});

const serviceName = checkedText(`a service name (${DNS_LABEL_RULE})`, isDnsLabel);

const podSelector = optionalText.superRefine((v, ctx) => {
  const problem = v === null ? null : labelSelectorProblem(v);
  if (problem)
    ctx.addIssue({
      code: "custom",
      input: v,
      message: `expected a label selector such as app=auth, got ${describeValue(v)}: ${problem}`,
    });
});

const remoteAddress = checkedText("a host name or IP address", isHostAddress, (v) => {
  const host = hostPartOf(v);
  return host ? `; did you mean "${host}"?` : "";
});

/** kftray writes booleans as `true` or as the string `"true"`. */
const flag = z
  .union([z.boolean(), z.enum(["true", "false"])], { error: expected("true or false") })
  .optional()
  .transform((v) => v === true || v === "true");

/** A positive whole number, or null when not given. */
const positiveOrNull = (what: string) => {
  const error = expected(`${what} > 0`);
  return z
    .union([z.number({ error }).int({ error }).min(1, { error }), z.null()], { error })
    .optional()
    .transform((v) => v ?? null);
};

/** true/false (or kftray's "true"/"false"), or null when not given. */
const flagOrNull = z
  .union([z.boolean(), z.enum(["true", "false"]), z.null()], { error: expected("true or false") })
  .optional()
  .transform((v) => (v === undefined || v === null ? null : v === true || v === "true"));

const aliasText = z
  .union([z.string(), z.null()], { error: expected("a string") })
  .optional()
  .transform((v) => (v === undefined || v === null || v.trim() === "" ? null : v.trim()))
  .refine((v) => v === null || !hasControlCharacters(v), { error: PRINTABLE_ERROR })
  .refine((v) => v === null || !/\s/.test(v), { error: "expected an alias without spaces" });

const localAddress = z
  .union([z.string(), z.null()], { error: expected("an IP address such as 127.0.0.1") })
  .optional()
  .refine((v) => v === undefined || v === null || v.trim() === "" || isIpAddress(v.trim()), {
    error: (issue) => `expected an IP address such as 127.0.0.1, got ${describeValue(issue.input)}`,
  })
  .transform((v) =>
    v === undefined || v === null || v.trim() === "" ? DEFAULT_LOCAL_ADDRESS : v.trim(),
  );

/** What `workload_type` needs to know where to connect. */
export const TARGET_FIELD = {
  service: "service",
  pod: "target",
  proxy: "remote_address",
} as const satisfies Record<WorkloadType, "service" | "target" | "remote_address">;

/**
 * A config as people write it (import files, `ferry config add`, API input). Unknown keys are
 * stripped (import reports them as warnings). Parsing gives a `ConfigDraft`: defaults filled,
 * empty strings turned into null, `alias` still null when none was given.
 */
const configFields = {
  alias: aliasText,
  context: printableText,
  kubeconfig: printableText,
  namespace: namespaceName,
  workload_type: z.enum(WORKLOAD_TYPES, { error: expected(`one of ${quoted(WORKLOAD_TYPES)}`) }),
  service: serviceName,
  target: podSelector,
  remote_address: remoteAddress,
  protocol: z.enum(PROTOCOLS, { error: expected(`one of ${quoted(PROTOCOLS)}`) }).default("tcp"),
  remote_port: port,
  local_port: z
    .union([localPort, z.null()], { error: localPortError })
    .optional()
    .transform((v) => v ?? null),
  local_address: localAddress,
  domain_enabled: flag,
  auto_start: flag,
  http_logs_enabled: flag,
  http_logs_max_file_size: positiveOrNull("a whole number of bytes"),
  http_logs_retention_days: positiveOrNull("a whole number of days"),
  http_logs_auto_cleanup: flagOrNull,
  group: printableText,
} as const;

export const ConfigInputSchema = z.object(configFields).superRefine((c, ctx) => {
  const field = TARGET_FIELD[c.workload_type];
  if (c[field] === null) {
    ctx.addIssue({
      code: "custom",
      path: [field],
      message: `required when workload_type is "${c.workload_type}"`,
    });
  }
});

export type ConfigInput = z.input<typeof ConfigInputSchema>;
export type ConfigDraft = z.output<typeof ConfigInputSchema>;

/** A stored config: a draft with its id and a settled alias. Assignable to core's ForwardConfig. */
export const ConfigSchema = z.object({
  id: z.number().int().positive(),
  alias: z.string().min(1),
  context: z.string().nullable(),
  kubeconfig: z.string().nullable(),
  namespace: z.string().min(1),
  workload_type: z.enum(WORKLOAD_TYPES),
  service: z.string().nullable(),
  target: z.string().nullable(),
  remote_address: z.string().nullable(),
  protocol: z.enum(PROTOCOLS),
  remote_port: z.number().int().min(1).max(65535),
  local_port: z.number().int().min(0).max(65535).nullable(),
  local_address: z.string(),
  domain_enabled: z.boolean(),
  auto_start: z.boolean(),
  http_logs_enabled: z.boolean(),
  // Optional in the type (older callers build configs without them); stored rows always have them.
  http_logs_max_file_size: z.number().int().min(1).nullable().optional(),
  http_logs_retention_days: z.number().int().min(1).nullable().optional(),
  http_logs_auto_cleanup: z.boolean().nullable().optional(),
  group: z.string().nullable(),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Changes for `update`: any subset of input fields. The merged result is re-validated whole. */
export type ConfigPatch = Partial<ConfigInput>;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A patch as the API takes it: each field present is checked with its own rule (so a form gets
 * field errors at the edge), but nothing is filled in: a default here would overwrite the
 * stored value. The store re-validates the merged config whole.
 */
export const ConfigPatchSchema = z
  .custom<ConfigPatch>(isRecord, { error: "expected an object of config fields" })
  .superRefine((patch, ctx) => {
    for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
      if (value === undefined || !(key in configFields)) continue;
      const parsed = configFields[key as keyof typeof configFields].safeParse(value);
      if (parsed.success) continue;
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: "custom", path: [key, ...issue.path], message: issue.message });
    }
  });

/** kftray's default alias: `{workload}-{protocol}-{local_port}` (local port falls back to remote). */
export function defaultAlias(
  draft: Pick<ConfigDraft, "workload_type" | "protocol" | "local_port" | "remote_port">,
) {
  return `${draft.workload_type}-${draft.protocol}-${draft.local_port ?? draft.remote_port}`;
}
