import { createServer } from "node:net";
import { CONFIG_FIELDS, type Config, type ConfigInput } from "@ferry/store/client";

/** `web` -> `web-2`, or the first `web-N` no config has. */
export function freeAlias(alias: string, taken: Set<string>): string {
  for (let n = 2; ; n++) if (!taken.has(`${alias}-${n}`)) return `${alias}-${n}`;
}

/** True when nothing listens on address:port right now (a bind succeeds). */
export function canBind(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ host: address, port, exclusive: true }, () =>
      server.close(() => resolve(true)),
    );
  });
}

/**
 * The first port above the source's that no config uses on the same local address and that is
 * free right now. A source on port 0 (pick one at start) keeps 0.
 */
export async function freeLocalPort(
  source: Config,
  configs: Config[],
  bindable = canBind,
): Promise<number> {
  const from = source.local_port ?? source.remote_port;
  if (from === 0) return 0;
  const taken = new Set(
    configs
      .filter((c) => c.local_address === source.local_address)
      .map((c) => c.local_port ?? c.remote_port),
  );
  for (let port = from + 1; port <= 65535; port++) {
    if (!taken.has(port) && (await bindable(source.local_address, port))) return port;
  }
  return 0;
}

/** The copy of `source` to create: every field, a new alias and a free local port. */
export async function duplicateInput(
  source: Config,
  configs: Config[],
  bindable = canBind,
): Promise<ConfigInput> {
  const input: Record<string, unknown> = {};
  for (const field of CONFIG_FIELDS) input[field] = source[field];
  input.alias = freeAlias(source.alias, new Set(configs.map((c) => c.alias)));
  input.local_port = await freeLocalPort(source, configs, bindable);
  return input as ConfigInput;
}
