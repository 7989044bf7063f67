import type { Config } from "../schema/config.ts";

export interface LoopbackUse {
  /** Addresses other configs listen on, each with the aliases using it, 127.0.0.1 first. */
  used: { address: string; aliases: string[] }[];
  /** The first 127.0.0.x addresses no config uses. */
  free: string[];
}

/** The Local address suggestions: who uses which loopback address, and free ones. */
export function loopbackUse(
  configs: readonly Pick<Config, "id" | "alias" | "local_address">[],
  editingId: number | null,
  freeCount = 3,
): LoopbackUse {
  const others = configs.filter((c) => c.id !== editingId);
  const addresses = [...new Set(others.map((c) => c.local_address))].sort((a, b) =>
    a.localeCompare(b, "en", { numeric: true }),
  );
  const used = addresses.map((address) => ({
    address,
    aliases: others.filter((c) => c.local_address === address).map((c) => c.alias),
  }));
  const taken = new Set(addresses);
  const free = Array.from({ length: 253 }, (_, i) => `127.0.0.${i + 2}`)
    .filter((a) => !taken.has(a))
    .slice(0, freeCount);
  return { used, free };
}
