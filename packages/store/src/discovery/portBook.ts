import type { Config } from "../schema/config.ts";
import { type Origin, originKey } from "./discoveryTypes.ts";
import type { DiscoveredRecord } from "./originRows.ts";

const ANY = "0.0.0.0";

/** Which local address:port each config holds, to move a discovered config off a taken one. */
export class PortBook {
  readonly #owners = new Map<string, { id: number | undefined; alias: string }>();

  constructor(configs: Config[]) {
    for (const c of configs)
      this.take(c.local_address, c.local_port ?? c.remote_port, c.id, c.alias);
  }

  take(address: string, port: number, id: number | undefined, alias: string): void {
    if (port > 0) this.#owners.set(`${address}:${port}`, { id, alias });
  }

  /** The alias holding address:port (or the wildcard on that port), unless it is `self`. */
  owner(address: string, port: number, self?: number): string | undefined {
    if (port === 0) return undefined;
    for (const key of address === ANY
      ? [...this.#owners.keys()].filter((k) => k.endsWith(`:${port}`))
      : [`${address}:${port}`, `${ANY}:${port}`]) {
      const o = this.#owners.get(key);
      if (o && (self === undefined || o.id !== self)) return o.alias;
    }
    return undefined;
  }

  /** The first free port from wanted + 10000 up (wrapping to 10000), e.g. 8080 -> 18080. */
  free(address: string, wanted: number): number {
    let port = wanted + 10_000 > 65_535 ? 10_000 : wanted + 10_000;
    while (this.owner(address, port) !== undefined) port = port >= 65_535 ? 10_000 : port + 1;
    return port;
  }
}

/**
 * 127.0.0.x per Service or workload: the address its configs already have (stable across runs),
 * else the lowest one no config uses (127.0.0.1 is everyone's default and never handed out).
 */
export class LoopbackAddresses {
  readonly #used: Set<string>;
  readonly #byObject = new Map<string, string>();

  constructor(configs: Config[], discovered: DiscoveredRecord[]) {
    this.#used = new Set(configs.map((c) => c.local_address));
    const byId = new Map(configs.map((c) => [c.id, c]));
    for (const d of discovered) {
      const address = byId.get(d.id)?.local_address;
      if (address && address !== "127.0.0.1") this.#byObject.set(objectKey(d.origin), address);
    }
  }

  forObject(origin: Origin, existing: Config | undefined): string {
    const key = objectKey(origin);
    const known = this.#byObject.get(key);
    if (known) return known;
    if (existing && existing.local_address !== "127.0.0.1") return existing.local_address;
    for (let x = 2; x < 255; x++) {
      const address = `127.0.0.${x}`;
      if (this.#used.has(address)) continue;
      this.#used.add(address);
      this.#byObject.set(key, address);
      return address;
    }
    return "127.0.0.1";
  }
}

const objectKey = (o: Origin) => originKey({ ...o, annotation: "", key: "" });
