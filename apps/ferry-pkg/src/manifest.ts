import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { ENTRIES, ROOT, RUNTIME_DEPENDENCIES } from "./entries.ts";

/** The version of the package: the CLI's. */
export function ferryVersion(): string {
  const cli = JSON.parse(readFileSync(join(ROOT, "apps/cli/package.json"), "utf8"));
  return cli.version as string;
}

/**
 * `^<installed version>` of a dependency, as resolved from the package that uses it; an alias
 * (installed under another name) stays one: `npm:<real name>@^<version>`.
 */
export function installedRange(name: string, from: string): string {
  const require = createRequire(join(from, "package.json"));
  const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8"));
  const range = `^${pkg.version as string}`;
  return pkg.name === name ? range : `npm:${pkg.name as string}@${range}`;
}

/** package.json of the published `ferry` package. */
export function packageManifest(version: string, node: string): Record<string, unknown> {
  return {
    name: "ferry",
    version,
    description:
      "Kubernetes port-forwards, defined once, started from anywhere: the ferry CLI, its daemon and terminal UI.",
    type: "module",
    engines: { node: `>=${node}` },
    bin: Object.fromEntries(Object.keys(ENTRIES).map((bin) => [bin, `dist/${bin}.js`])),
    files: ["dist", "README.md"],
    dependencies: Object.fromEntries(
      Object.entries(RUNTIME_DEPENDENCIES).map(([name, from]) => [
        name,
        installedRange(name, from),
      ]),
    ),
  };
}
