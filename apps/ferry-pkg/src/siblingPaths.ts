import { existsSync, readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import type { Plugin } from "esbuild";

const DIRNAME_PATH = /import\.meta\.dirname,\s*"([^"]+)"/g;
const URL_PATH = /new URL\(\s*"([^"]+)",\s*import\.meta\.url\s*\)/g;

export interface Shipped {
  /** Bins found referenced by path (so the caller can check none was missed). */
  bins: Set<string>;
  /** Sources started by URL (worker threads): bundle name -> source file; each must be an entry. */
  workers: Map<string, string>;
  /** Files read at run time beside their source: bundle file name -> source file. */
  assets: Map<string, string>;
}

/**
 * Sources find other programs and built files by path from their own folder. In the bundle every
 * program is a sibling `dist/<bin>.js` and every such file is copied beside it:
 * - `join(import.meta.dirname, "../bin/ferryd.ts")`, a path to an entry (or to a source launcher
 *   of one, `launchers`), becomes `"ferryd.js"`;
 * - `new URL("../dist/relay.bundle.js", import.meta.url)`, a built file, becomes
 *   `new URL("./relay.bundle.js", import.meta.url)`, and the file is shipped (it must exist:
 *   build it first);
 * - `new URL("./importWorker.ts", import.meta.url)`, a source run as a worker thread, becomes
 *   `new URL("./importWorker.js", import.meta.url)`; the caller bundles it as one more entry.
 * Any other path built from `import.meta.dirname` fails the build and names the file.
 */
export function siblingPaths(
  entries: Record<string, string>,
  shipped: Shipped,
  launchers: Record<string, string> = {},
): Plugin {
  const binOf = new Map([
    ...Object.entries(entries).map(([bin, file]) => [resolve(file), bin] as const),
    ...Object.entries(launchers).map(([file, bin]) => [resolve(file), bin] as const),
  ]);
  return {
    name: "ferry-sibling-paths",
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes("node_modules")) return undefined;
        const text = await readFile(args.path, "utf8");
        if (!text.includes("import.meta.dirname") && !text.includes("import.meta.url"))
          return undefined;
        const here = dirname(args.path);
        const where = relative(process.cwd(), args.path);
        const errors: { text: string }[] = [];
        const contents = text
          .replace(DIRNAME_PATH, (whole, rel: string) => {
            const bin = binOf.get(resolve(here, rel));
            if (bin) {
              shipped.bins.add(bin);
              return `import.meta.dirname, "${bin}.js"`;
            }
            errors.push({
              text: `${where} reads "${rel}" beside its source; the bundle does not ship it`,
            });
            return whole;
          })
          .replace(URL_PATH, (_whole, rel: string) => {
            const file = resolve(here, rel);
            if (/\.tsx?$/.test(file) && existsSync(file)) {
              const name = basename(file).replace(/\.tsx?$/, "");
              const clash = shipped.workers.get(name);
              if (clash && clash !== file) errors.push({ text: `two workers are named ${name}` });
              shipped.workers.set(name, file);
              return `new URL("./${name}.js", import.meta.url)`;
            }
            if (!existsSync(file)) {
              errors.push({
                text: `${where} reads ${relative(process.cwd(), file)} at run time; build it first (\`pnpm turbo run build\`)`,
              });
            }
            const name = basename(file);
            const clash = shipped.assets.get(name);
            if (clash && clash !== file)
              errors.push({ text: `two shipped files are named ${name}` });
            shipped.assets.set(name, file);
            return `new URL("./${name}", import.meta.url)`;
          });
        return errors.length > 0
          ? { errors }
          : { contents, loader: args.path.endsWith("x") ? "tsx" : "ts" };
      });
    },
  };
}

/** The files to copy into `dist/`, read now (so a missing one fails the pack, not the user). */
export const assetFiles = (shipped: Shipped) =>
  [...shipped.assets].map(([name, file]) => ({ name, bytes: readFileSync(file) }));
