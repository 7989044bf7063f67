import { describe, expect, it } from "vitest";
import { aliasAllocator, freeAlias } from "./aliases.ts";

describe("aliasAllocator", () => {
  it("gives base, base-2, base-3... and skips ones already taken", () => {
    const used = new Set(["web", "web-3"]);
    const next = aliasAllocator((a) => used.has(a));
    const give = () => {
      const alias = next("web");
      used.add(alias);
      return alias;
    };
    expect([give(), give(), give()]).toEqual(["web-2", "web-4", "web-5"]);
    expect(freeAlias("db", new Set(["db"]))).toBe("db-2");
  });

  it("probes linearly: 20 000 entries with one alias cost at most two probes each", () => {
    const used = new Set<string>();
    let probes = 0;
    const next = aliasAllocator((a) => {
      probes++;
      return used.has(a);
    });
    for (let i = 0; i < 20_000; i++) used.add(next("same"));
    expect(used.size).toBe(20_000);
    expect(probes).toBeLessThanOrEqual(40_000);
  });
});
