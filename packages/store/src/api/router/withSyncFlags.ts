import type { ConfigStore } from "../../configs/configStore.ts";
import type { Config } from "../../schema/config.ts";
import type { SyncFlags } from "../../sync/syncTypes.ts";

const OWN: SyncFlags = { source: null, localChange: false, upstreamDeleted: false };

/** Configs as `configs.list` / `configs.get` return them: with where each came from (issue 19). */
export function withSyncFlags(store: ConfigStore, configs: Config[]): (Config & SyncFlags)[] {
  const flags = store.sync.flags();
  return configs.map((c) => ({ ...c, ...(flags.get(c.id) ?? OWN) }));
}
