// Builds ferry-<version>.tgz: the CLI, ferryd and the TUI bundled by esbuild into plain
// JavaScript (nothing to strip at start-up), plus a package.json whose only dependencies are the
// ones that must be installed for the user's platform. Usage: node src/pack.ts [--out DIR]
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { type BuildOptions, build } from "esbuild";
import { nodeFloor } from "./engines.ts";
import { BUNDLE_OPTIONS, ENTRIES, LAUNCHERS, UNSPLIT } from "./entries.ts";
import { ferryVersion, packageManifest } from "./manifest.ts";
import { assetFiles, type Shipped, siblingPaths } from "./siblingPaths.ts";

const { values } = parseArgs({ options: { out: { type: "string" } } });
const out = resolve(values.out ?? join(import.meta.dirname, "../dist"));
const stage = join(out, "stage");
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

const version = ferryVersion();
const mains = Object.fromEntries(
  Object.entries(ENTRIES).map(([bin, file]) => [`${bin}.main`, file]),
);

/** The package's esbuild options, with the metafile and the path-rewriting plugin. */
const common = (shipped: Shipped) =>
  ({
    ...BUNDLE_OPTIONS,
    metafile: true,
    plugins: [siblingPaths(ENTRIES, shipped, LAUNCHERS)],
  }) satisfies BuildOptions;

/**
 * The esbuild runs; worker sources found by the plugin are entries of the next run. The unsplit
 * bins (`ferry`) are one file each, their lazily imported modules inlined and run on first use:
 * chunks cost a module load each, which a short command pays at every start.
 */
async function bundle(workers: Map<string, string>) {
  const shipped: Shipped = { bins: new Set(), assets: new Map(), workers: new Map() };
  rmSync(join(stage, "dist"), { recursive: true, force: true }); // no stale chunks of a first run
  const split = Object.entries(mains).filter(
    ([name]) => !UNSPLIT.includes(name.replace(/\.main$/, "")),
  );
  const whole = Object.entries(mains).filter(([name]) =>
    UNSPLIT.includes(name.replace(/\.main$/, "")),
  );
  const results = await Promise.all([
    build({
      ...common(shipped),
      entryPoints: { ...Object.fromEntries(split), ...Object.fromEntries(workers) },
      outdir: join(stage, "dist"),
      splitting: true,
    }),
    ...whole.map(([name, file]) =>
      build({ ...common(shipped), entryPoints: { [name]: file }, outdir: join(stage, "dist") }),
    ),
  ]);
  const inputs = results.flatMap((r) => Object.keys(r.metafile.inputs));
  return { shipped, inputs };
}

let { shipped, inputs } = await bundle(new Map());
if (shipped.workers.size > 0) ({ shipped, inputs } = await bundle(shipped.workers));

// ferry starts ferryd and runs ferry-tui by path: both references must have been rewritten.
for (const bin of ["ferryd", "ferry-tui"]) {
  if (!shipped.bins.has(bin))
    throw new Error(`no source refers to ${bin} by path; the bundle cannot start it`);
}

// Each bin is a small launcher that turns on Node's on-disk compile cache before it loads its
// bundle, so later starts skip parsing and compiling it (module.enableCompileCache, Node 22.1+).
for (const bin of Object.keys(ENTRIES)) {
  const launcher = join(stage, "dist", `${bin}.js`);
  writeFileSync(
    launcher,
    `#!/usr/bin/env node\nimport module from "node:module";\nmodule.enableCompileCache?.();\nawait import("./${bin}.main.js");\n`,
  );
  chmodSync(launcher, 0o755);
}
for (const { name, bytes } of assetFiles(shipped)) writeFileSync(join(stage, "dist", name), bytes);
const floor = nodeFloor(inputs);
if (floor.setBy)
  process.stderr.write(
    `note: ${floor.setBy} needs Node >=${floor.version}, so the package's engines say so\n`,
  );
writeFileSync(
  join(stage, "package.json"),
  `${JSON.stringify(packageManifest(version, floor.version), null, 2)}\n`,
);
copyFileSync(join(import.meta.dirname, "../PACKAGE-README.md"), join(stage, "README.md"));
const file = execFileSync("npm", ["pack", "--silent", "--pack-destination", out], {
  cwd: stage,
  encoding: "utf8",
}).trim();
process.stdout.write(`${join(out, file)}\n`);
