// Bundles src/main.ts into dist/relay.bundle.js: one self-contained classic script (no imports,
// no top-level await) that `node -e "$(cat dist/relay.bundle.js)"` runs with nothing else at hand.
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const outfile = `${root}dist/relay.bundle.js`;

await build({
  entryPoints: [`${root}src/main.ts`],
  outfile,
  bundle: true,
  platform: "node",
  format: "iife",
  target: "node22",
  // Whitespace and syntax only: names stay readable in a stack trace from a pod log.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  logLevel: "warning",
});
console.log(`relay bundle: ${outfile} (${statSync(outfile).size} bytes)`);
