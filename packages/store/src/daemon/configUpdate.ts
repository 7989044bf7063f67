import { ApiError } from "../api/apiError.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import {
  type Config,
  ConfigInputSchema,
  type ConfigPatch,
  HTTP_LOG_LIMIT_FIELDS,
} from "../schema/config.ts";
import { httpLogSettingsFor } from "./httpLogSettings.ts";
import type { DaemonRuntime } from "./runtime.ts";

const HTTP_LOG_FIELDS: readonly string[] = [
  "http_logs_enabled",
  "protocol",
  ...HTTP_LOG_LIMIT_FIELDS,
];

/**
 * `configs.update`: the store's update, plus HTTP logs applied live to a running forward (issue
 * 17). Turning logging on for a UDP forward (HTTP_LOG_UNSUPPORTED) or settings that cannot make a
 * log (HTTP_LOG_INVALID_SETTING) are refused before anything is written.
 */
export function updateConfig(
  store: ConfigStore,
  runtime: DaemonRuntime,
  idOrAlias: number | string,
  patch: ConfigPatch,
): Config {
  const current = store.get(idOrAlias);
  const touched = Object.entries(patch).some(
    ([k, v]) => v !== undefined && HTTP_LOG_FIELDS.includes(k),
  );
  if (touched) {
    const parsed = ConfigInputSchema.safeParse({ ...current, ...patch });
    // An invalid config is refused by the store's update below, in its own words.
    if (parsed.success) {
      const next: Config = {
        ...parsed.data,
        id: current.id,
        alias: parsed.data.alias ?? current.alias,
      };
      if (
        next.http_logs_enabled &&
        next.protocol === "udp" &&
        patch.http_logs_enabled !== undefined
      )
        throw new ApiError(
          "HTTP_LOG_UNSUPPORTED",
          `HTTP logs need a TCP forward; "${current.alias}" is UDP. Nothing was changed.`,
        );
      httpLogSettingsFor(next, (key) => store.settings.get(key));
    }
  }
  const saved = store.update(current.id, patch);
  if (touched) runtime.setHttpLog(saved.id);
  return saved;
}
