import {
  type Config,
  type ConfigInput,
  type ConfigPatch,
  type ImportOptions,
  type ImportReport,
  openStore,
} from "@ferry/store";

/**
 * The only door from `ferry config` to the configs. Today it opens the store in-process; the
 * daemon's tRPC client can take its place without the commands changing (hence async).
 */
export interface ConfigApi {
  list(): Promise<Config[]>;
  get(alias: string): Promise<Config>;
  create(input: ConfigInput): Promise<Config>;
  update(alias: string, patch: ConfigPatch): Promise<Config>;
  remove(aliases: string[]): Promise<Config[]>;
  import(text: string, options: ImportOptions): Promise<ImportReport>;
  export(): Promise<string>;
}

/** Opens the API, runs `fn`, and always closes it. */
export async function withConfigApi<T>(fn: (api: ConfigApi) => Promise<T>): Promise<T> {
  const store = openStore();
  try {
    return await fn({
      list: async () => store.list(),
      get: async (alias) => store.get(alias),
      create: async (input) => store.create(input),
      update: async (alias, patch) => store.update(alias, patch),
      remove: async (aliases) => store.remove(aliases),
      import: async (text, options) => store.import(text, options),
      export: async () => store.export(),
    });
  } finally {
    store.close();
  }
}
