import type { LoopbackUse } from "@ferry/store/client";

/**
 * The Local address picker in a terminal: 127.0.0.1, the addresses other configs use (named, so
 * a clash is seen before saving), then the free 127.0.0.x ones, each a forward of its own.
 */
export function localAddressChoices({ used, free }: LoopbackUse): {
  choices: string[];
  detail: string;
} {
  const choices = [...new Set(["127.0.0.1", ...used.map((u) => u.address), ...free])];
  const inUse = used.map((u) => `${u.address} (${u.aliases.join(", ")})`).join(" · ");
  return { choices, detail: `${inUse ? `in use: ${inUse} · ` : ""}free: ${free.join(", ")}` };
}
