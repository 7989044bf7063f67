/** `base`, or `base-2`, `base-3`... : the first one `taken` says is free. */
export function freeAlias(base: string, taken: (alias: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken(candidate)) return candidate;
  }
}
