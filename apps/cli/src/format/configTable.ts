import { CONFIG_FIELDS, type Config, targetText } from "@ferry/store/client";
import { renderTable } from "./table.ts";

const localOf = (c: Config) => `${c.local_address}:${c.local_port ?? c.remote_port}`;

/** `ferry config list`: one line per config. */
export function configTable(configs: Config[]): string {
  return renderTable(
    ["ID", "ALIAS", "TYPE", "TARGET", "NAMESPACE", "CONTEXT", "PROTO", "LOCAL", "REMOTE"],
    configs.map((c) => [
      String(c.id),
      c.alias,
      c.workload_type,
      targetText(c),
      c.namespace,
      c.context ?? "(current)",
      c.protocol,
      localOf(c),
      String(c.remote_port),
    ]),
  );
}

/** `ferry config show`: one line per field, unset ones shown as "-". */
export function configDetails(c: Config): string {
  return renderTable(
    ["FIELD", "VALUE"],
    [["id", String(c.id)], ...CONFIG_FIELDS.map((f) => [f, c[f] === null ? "-" : String(c[f])])],
  );
}

/** The stable `--json` shape: id then every field in schema order, unset ones as null. */
export function configJson(c: Config): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id };
  for (const f of CONFIG_FIELDS) out[f] = c[f];
  return out;
}

export const toJsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
