import { readFile } from "node:fs/promises";
import { dirname, relative, resolve } from "node:path";
import type { Plugin } from "esbuild";

const DIRNAME_PATH = /import\.meta\.dirname,\s*"([^"]+)"/g;

/**
 * Source files find the other programs by path from their own folder
 * (`join(import.meta.dirname, "../bin/ferryd.ts")`). In the bundle every program is a sibling
 * `dist/<bin>.js`, so such a path is rewritten to that sibling. Any other path built from
 * `import.meta.dirname` is a file the bundle would not ship: the build fails and names it.
 * `seen` collects the bins that were found referenced, so the caller can check none was missed.
 */
export function siblingPaths(entries: Record<string, string>, seen: Set<string>): Plugin {
  const binOf = new Map(Object.entries(entries).map(([bin, file]) => [resolve(file), bin]));
  return {
    name: "ferry-sibling-paths",
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (args.path.includes("node_modules")) return undefined;
        const text = await readFile(args.path, "utf8");
        if (!text.includes("import.meta.dirname")) return undefined;
        const errors: { text: string }[] = [];
        const contents = text.replace(DIRNAME_PATH, (whole, rel: string) => {
          const bin = binOf.get(resolve(dirname(args.path), rel));
          if (!bin) {
            errors.push({
              text: `${relative(process.cwd(), args.path)} reads "${rel}" beside its source; the bundle does not ship it`,
            });
            return whole;
          }
          seen.add(bin);
          return `import.meta.dirname, "${bin}.js"`;
        });
        return errors.length > 0
          ? { errors }
          : { contents, loader: args.path.endsWith("x") ? "tsx" : "ts" };
      });
    },
  };
}
