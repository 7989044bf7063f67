import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterEach, describe, expect, it } from "vitest";
import { type Shipped, siblingPaths } from "./siblingPaths.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A tiny source tree: `src/bin/main.ts` and `src/bin/other.ts` (entries), `src/lib/uses.ts`. */
function tree(uses: string): string {
  const dir = mkdtempSync(join(tmpdir(), "ferry-pkg-test-"));
  dirs.push(dir);
  for (const sub of ["src/bin", "src/lib", "dist"]) mkdirSync(join(dir, sub), { recursive: true });
  writeFileSync(
    join(dir, "src/bin/main.ts"),
    'import { where } from "../lib/uses.ts";\nconsole.log(where);\n',
  );
  writeFileSync(join(dir, "src/bin/other.ts"), "console.log('other');\n");
  writeFileSync(join(dir, "src/lib/uses.ts"), `import { join } from "node:path";\n${uses}\n`);
  writeFileSync(join(dir, "dist/asset.js"), "// built\n");
  return dir;
}

async function bundle(dir: string) {
  const shipped: Shipped = { bins: new Set(), assets: new Map(), workers: new Map() };
  const entries = { main: join(dir, "src/bin/main.ts"), other: join(dir, "src/bin/other.ts") };
  await build({
    entryPoints: entries,
    outdir: join(dir, "out"),
    bundle: true,
    format: "esm",
    platform: "node",
    plugins: [siblingPaths(entries, shipped)],
    logLevel: "silent",
  });
  return { shipped, text: readFileSync(join(dir, "out/main.js"), "utf8") };
}

describe("siblingPaths", () => {
  it("points a path to another entry at its sibling bundle", async () => {
    const { shipped, text } = await bundle(
      tree('export const where = join(import.meta.dirname, "../bin/other.ts");'),
    );
    expect(text).toContain('join(import.meta.dirname, "other.js")');
    expect([...shipped.bins]).toEqual(["other"]);
  });

  it("ships a built file read through new URL(..., import.meta.url), beside the bundle", async () => {
    const dir = tree('export const where = new URL("../../dist/asset.js", import.meta.url);');
    const { shipped, text } = await bundle(dir);
    expect(text).toContain('new URL("./asset.js", import.meta.url)');
    expect([...shipped.assets]).toEqual([["asset.js", join(dir, "dist/asset.js")]]);
  });

  it("names a source started by URL (a worker) for bundling, and points the URL at its bundle", async () => {
    const dir = tree('export const where = new URL("../bin/other.ts", import.meta.url);');
    const { shipped, text } = await bundle(dir);
    expect(text).toContain('new URL("./other.js", import.meta.url)');
    expect([...shipped.workers]).toEqual([["other", join(dir, "src/bin/other.ts")]]);
  });

  it("fails the build, naming the file, for a path the bundle cannot serve", async () => {
    await expect(
      bundle(tree('export const where = join(import.meta.dirname, "../../migrations/1.sql");')),
    ).rejects.toThrow(/uses\.ts reads "\.\.\/\.\.\/migrations\/1\.sql" beside its source/);
    await expect(
      bundle(tree('export const where = new URL("../../dist/missing.js", import.meta.url);')),
    ).rejects.toThrow(/dist\/missing\.js at run time; build it first/);
  });
});
