import { CONFIG_FIELDS, type ConfigField, type ConfigInput } from "@ferry/store/client";
import type { Command } from "commander";

// Strings, not ConfigField: the http_logs_* settings join CONFIG_FIELDS with the HTTP log feature.
const NUMBER_FIELDS = new Set<string>([
  "remote_port",
  "local_port",
  "http_logs_max_file_size",
  "http_logs_retention_days",
]);
const FLAG_FIELDS = new Set<string>([
  "domain_enabled",
  "auto_start",
  "http_logs_enabled",
  "http_logs_auto_cleanup",
]);

const HELP: Partial<Record<ConfigField | string, string>> = {
  alias: "name shown everywhere (default: {workload}-{protocol}-{local_port})",
  context: 'kube context ("@current" = the kubeconfig\'s current context)',
  kubeconfig: 'kubeconfig path(s), ":"-joined ("default" = $KUBECONFIG or ~/.kube/config)',
  namespace: "target namespace (for udp/proxy: where the relay pod runs)",
  workload_type: "service | pod | proxy",
  service: "service name (workload_type service)",
  target: "pod label selector such as app=auth (workload_type pod)",
  remote_address: "host the relay connects to (workload_type proxy)",
  protocol: "tcp | udp (default tcp)",
  remote_port: "port in the cluster (a service's target port)",
  local_port: "local port (default: remote_port; 0 picks a free one)",
  local_address: "local IP to listen on (default 127.0.0.1)",
  domain_enabled: "add the alias to the hosts file while running (true|false)",
  auto_start: "start this forward when the daemon starts (true|false)",
  http_logs_enabled: "log HTTP exchanges to $FERRY_HOME/http_logs (true|false; live, no restart)",
  http_logs_max_file_size: "rotate the HTTP log file at this many bytes (> 0)",
  http_logs_retention_days: "HTTP log files older than this many days are deleted (> 0)",
  http_logs_auto_cleanup: "delete HTTP log files past the retention (true|false)",
  group: "group name: `ferry start --group G` starts every forward of it",
};

/** `local_port` -> `--local-port` */
export const flagName = (field: string) => `--${field.replaceAll("_", "-")}`;
const camel = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Adds one option per config field; boolean fields take an optional true/false. */
export function addFieldOptions(command: Command): Command {
  for (const field of CONFIG_FIELDS) {
    const arg = FLAG_FIELDS.has(field)
      ? "[true|false]"
      : NUMBER_FIELDS.has(field)
        ? field.endsWith("_port")
          ? "<port>"
          : "<n>"
        : "<value>";
    command.option(`${flagName(field)} ${arg}`, HELP[field] ?? field.replaceAll("_", " "));
  }
  return command;
}

/**
 * Collects the field options that were given, as schema input. Digits become numbers; anything
 * else is passed on so the schema names the bad value (`got "eighty"`). "" on a port clears it.
 */
export function fieldValues(options: Record<string, unknown>): Partial<ConfigInput> {
  const values: Record<string, unknown> = {};
  for (const field of CONFIG_FIELDS) {
    const raw = options[camel(field)];
    if (raw === undefined) continue;
    if (NUMBER_FIELDS.has(field) && typeof raw === "string") {
      values[field] = /^-?\d+$/.test(raw.trim()) ? Number(raw) : raw === "" ? null : raw;
    } else {
      values[field] = raw;
    }
  }
  return values as Partial<ConfigInput>;
}

/**
 * Store messages name fields (`  remote_port: ...`, whatever the error's code: an invalid config,
 * an HTTP log setting); on the command line, name the flag.
 */
export function withFlagNames(message: string): string {
  return message.replace(/^ {2}([a-z_]+):/gm, (line, field: string) =>
    (CONFIG_FIELDS as readonly string[]).includes(field) ? `  ${flagName(field)}:` : line,
  );
}
