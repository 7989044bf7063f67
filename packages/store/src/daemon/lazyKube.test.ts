import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const FERRYD = join(import.meta.dirname, "../bin/ferryd.ts");
const CLIENT_NODE = "@kubernetes/client-node";

/** How ferryd's own code (the workspace packages left out) imports `what`: one entry per import. */
async function importKinds(what: string): Promise<string[]> {
  const result = await build({
    entryPoints: [FERRYD],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    metafile: true,
    logLevel: "silent",
    // Store's code only: core makes its own imports lazy (the contract of session 5).
    external: ["@ferry/*", "better-sqlite3", "better-sqlite3-napi9", what],
  });
  const [output] = Object.values(result.metafile.outputs);
  return (output?.imports ?? []).filter((i) => i.path === what).map((i) => i.kind);
}

describe("ferryd loads @kubernetes/client-node only on first use (issue 16, idle RSS)", () => {
  it("store's code imports it only with import()", async () => {
    const kinds = await importKinds(CLIENT_NODE);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.filter((k) => k !== "dynamic-import")).toEqual([]);
  });

  it("the check sees a static import (ws, which the API server needs at start)", async () => {
    expect(await importKinds("ws")).toContain("import-statement");
  });
});
