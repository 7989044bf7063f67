import {
  type Config,
  type ConfigInput,
  type ConfigPatch,
  FerryError,
  type FerryErrorCode,
  type ImportOptions,
  type ImportReport,
} from "@ferry/store";
import {
  closeFerryClient,
  createFerryClient,
  ensureDaemon,
  type FerryClient,
  ferryErrorOf,
} from "@ferry/store/client";

/**
 * The only door from `ferry config` to the configs: the daemon's tRPC API (ferryd is started
 * when absent). The CLI never opens the database itself, so a forward and its config are owned
 * by one process. Refusals come back as FerryErrors with the store's code and message.
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

function asFerryError(err: unknown): FerryError {
  const { code, message, issues } = ferryErrorOf(err);
  return new FerryError(code as FerryErrorCode, message, issues);
}

/** Calls `fn`, turning daemon refusals into FerryErrors. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw asFerryError(err);
  }
}

/** Opens the API, runs `fn`, and always closes it. */
export async function withConfigApi<T>(fn: (api: ConfigApi) => Promise<T>): Promise<T> {
  let client: FerryClient;
  try {
    await ensureDaemon();
    client = createFerryClient();
  } catch (err) {
    throw asFerryError(err);
  }
  const c = client;
  try {
    return await fn({
      list: () => call(() => c.configs.list.query()),
      get: (alias) => call(() => c.configs.get.query(alias)),
      create: (input) => call(() => c.configs.create.mutate(input as Record<string, unknown>)),
      update: (alias, patch) =>
        call(() => c.configs.update.mutate({ id: alias, patch: patch as Record<string, unknown> })),
      remove: (aliases) => call(() => c.configs.delete.mutate(aliases)),
      import: (text, options) => call(() => c.configs.import.mutate({ text, ...options })),
      export: () => call(() => c.configs.export.query()),
    });
  } finally {
    closeFerryClient(c);
  }
}
