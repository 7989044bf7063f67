import { join } from "node:path";
import type { BuildOptions } from "esbuild";

/** The repository root (this file is apps/ferry-pkg/src/entries.ts). */
export const ROOT = join(import.meta.dirname, "../../..");

/** The package's three programs: bin name -> source entry point. Each becomes `dist/<bin>.js`. */
export const ENTRIES: Record<string, string> = {
  ferry: join(ROOT, "apps/cli/src/bin/ferry.ts"),
  ferryd: join(ROOT, "packages/store/src/bin/ferryd.ts"),
  // The TUI's source launcher compiles .tsx on the fly; the bundle starts at what it loads.
  "ferry-tui": join(ROOT, "apps/tui/src/main.tsx"),
};

/**
 * Bins bundled as one file each, not split into chunks shared with the others: `ferry` runs for a
 * few dozen milliseconds, and each chunk is one more module load at every start (issue 21).
 */
export const UNSPLIT: readonly string[] = ["ferry"];

/** Source launchers other code runs by path, and the bin that stands for each in the bundle. */
export const LAUNCHERS: Record<string, string> = {
  [join(ROOT, "apps/tui/src/bin/ferry-tui.ts")]: "ferry-tui",
};

/**
 * Packages left out of the bundle and installed as real dependencies, with the package whose
 * installed copy gives the version: better-sqlite3 builds its native addon for the user's
 * platform (13 for Node 22.14 and later, 12 under an alias for 22.12 and 22.13: the store loads
 * the one its Node can run); pako and spdy-transport are loaded through `createRequire` by core,
 * which esbuild cannot follow.
 */
export const RUNTIME_DEPENDENCIES: Record<string, string> = {
  "better-sqlite3": join(ROOT, "packages/store"),
  pako: join(ROOT, "packages/core"),
  "spdy-transport": join(ROOT, "packages/core"),
};

/**
 * Installed when npm can, without failing the install when it cannot: better-sqlite3 12 (for
 * Node 22.12 and 22.13 only) must not stop a Node 24 install on a machine that cannot build it.
 */
export const OPTIONAL_RUNTIME_DEPENDENCIES: Record<string, string> = {
  "better-sqlite3-napi9": join(ROOT, "packages/store"),
};

/** Imported only behind a flag nobody sets in use (ink's `DEV=true` devtools): left unresolved. */
export const OPTIONAL_EXTERNALS = ["react-devtools-core"];

/**
 * The esbuild options of every bundle the package ships (pack.ts adds entries, the metafile and
 * its path plugin); bench/tcp's bundled engine uses them too, so it measures what ships.
 */
export const BUNDLE_OPTIONS = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node22.12",
  // ES module builds first: jsonc-parser's "main" is a UMD file whose require()s esbuild cannot see.
  mainFields: ["module", "main"],
  external: [
    ...Object.keys(RUNTIME_DEPENDENCIES),
    ...Object.keys(OPTIONAL_RUNTIME_DEPENDENCIES),
    ...OPTIONAL_EXTERNALS,
  ],
  // CommonJS dependencies inside an ES module bundle call require() for Node's built-ins.
  banner: {
    js: 'import { createRequire as __ferryCreateRequire } from "node:module"; const require = __ferryCreateRequire(import.meta.url);',
  },
  legalComments: "none",
  logLevel: "warning",
} satisfies BuildOptions;
