import type { Config } from "@ferry/store/client";

type Holder = Pick<Config, "id" | "alias" | "local_address">;

/**
 * The Local address picker: 127.0.0.1, the addresses other configs use (named, so a clash is
 * seen before saving), then the first free 127.0.0.x ones, each a forward of its own.
 */
export function localAddressChoices(
  configs: readonly Holder[],
  editingId: number | null,
  freeCount = 3,
): { choices: string[]; detail: string } {
  const users = new Map<string, string[]>();
  for (const c of configs)
    if (c.id !== editingId)
      users.set(c.local_address, [...(users.get(c.local_address) ?? []), c.alias]);
  const used = [...users.keys()].sort((a, b) => a.localeCompare(b, "en", { numeric: true }));
  const free: string[] = [];
  for (let i = 2; i < 255 && free.length < freeCount; i++)
    if (!users.has(`127.0.0.${i}`)) free.push(`127.0.0.${i}`);
  const choices = [...new Set(["127.0.0.1", ...used, ...free])];
  const inUse = used.map((a) => `${a} (${(users.get(a) ?? []).join(", ")})`).join(" · ");
  return { choices, detail: `${inUse ? `in use: ${inUse} · ` : ""}free: ${free.join(", ")}` };
}
