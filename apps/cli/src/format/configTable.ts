import { CONFIG_FIELDS, type Config, type SyncFlags, targetText } from "@ferry/store/client";
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

/** Where a config came from (issue 19); rows from create/update lack it: they are the user's own. */
const syncFlags = (c: Config & Partial<SyncFlags>): SyncFlags => ({
  source: c.source ?? null,
  localChange: c.localChange ?? false,
  upstreamDeleted: c.upstreamDeleted ?? false,
});

/** `ferry config show`: one line per field, unset ones shown as "-", then where it came from. */
export function configDetails(c: Config & Partial<SyncFlags>): string {
  const flags = syncFlags(c);
  const origin = flags.source
    ? [
        `sync ${flags.source}`,
        flags.localChange ? "local change" : "",
        flags.upstreamDeleted ? "deleted upstream" : "",
      ]
        .filter(Boolean)
        .join(", ")
    : "-";
  return renderTable(
    ["FIELD", "VALUE"],
    [
      ["id", String(c.id)],
      ...CONFIG_FIELDS.map((f) => [f, c[f] === null ? "-" : String(c[f])]),
      ["source", origin],
    ],
  );
}

/**
 * The stable `--json` shape: id then every field in schema order, unset ones as null, then the
 * sync flags (source, localChange, upstreamDeleted).
 */
export function configJson(c: Config & Partial<SyncFlags>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: c.id };
  for (const f of CONFIG_FIELDS) out[f] = c[f];
  return { ...out, ...syncFlags(c) };
}

export const toJsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
