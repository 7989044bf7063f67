/**
 * Hands out free aliases: `base` if free, else `base-2`, `base-3`... Each base remembers the last
 * suffix it gave, so N entries wanting one alias cost O(N) probes in all, not O(N²) (issue 13.1).
 * `taken` must also answer for aliases this allocator gave out.
 */
export function aliasAllocator(taken: (alias: string) => boolean): (base: string) => string {
  const nextSuffix = new Map<string, number>();
  return (base) => {
    if (!taken(base)) return base;
    for (let n = nextSuffix.get(base) ?? 2; ; n++) {
      const candidate = `${base}-${n}`;
      if (!taken(candidate)) {
        nextSuffix.set(base, n + 1);
        return candidate;
      }
    }
  };
}

/** One free alias (`base`, `base-2`...) among `existing`. */
export function freeAlias(base: string, existing: ReadonlySet<string>): string {
  return aliasAllocator((a) => existing.has(a))(base);
}
