// Ferry's bench engine built as the package ships ferryd: one esbuild bundle, code-split, with
// apps/ferry-pkg's BUNDLE_OPTIONS (as pack.ts uses them). From TS source, the engine also holds
// every stripped source file and all of client-node's 868 modules in its heap (34 MiB used with
// the kube clients made, against 13 MiB bundled), which every full GC marks: the source run
// measures a heavier process than the one users run. BENCH_ENGINE=source keeps the source run.
import { mkdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { BUNDLE_OPTIONS } from "../../apps/ferry-pkg/src/entries.ts";

// Under packages/core, so the externals (pako, spdy-transport) resolve from core's node_modules.
const OUT = fileURLToPath(
  new URL("../../packages/core/node_modules/.cache/ferry-bench-engine/", import.meta.url),
);

/** Bundles `entry` as pack.ts bundles ferryd (code-split) and returns the file to run. */
export async function bundledEngine(entry: string): Promise<string> {
  const pkgRequire = createRequire(new URL("../../apps/ferry-pkg/package.json", import.meta.url));
  // esbuild is apps/ferry-pkg's dependency, not the root's.
  const { build } = (await import(pkgRequire.resolve("esbuild"))) as {
    build: (options: Record<string, unknown>) => Promise<unknown>;
  };
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await build({ ...BUNDLE_OPTIONS, entryPoints: { engine: entry }, outdir: OUT, splitting: true });
  return `${OUT}engine.js`;
}
