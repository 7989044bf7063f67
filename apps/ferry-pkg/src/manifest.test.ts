import { describe, expect, it } from "vitest";
import { packageManifest } from "./manifest.ts";

describe("packageManifest", () => {
  it("keeps an aliased dependency an alias, so npm installs the 12.x line beside 13", () => {
    const deps = packageManifest("0.0.0", "22.12.0").dependencies as Record<string, string>;
    expect(deps["better-sqlite3"]).toMatch(/^\^13\./);
    expect(deps["better-sqlite3-napi9"]).toMatch(/^npm:better-sqlite3@\^12\./);
  });
});
