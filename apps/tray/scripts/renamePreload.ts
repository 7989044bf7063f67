// A sandboxed preload is a classic script: give it the .cjs name so nothing treats it as ESM
// (this package is "type": "module").
import { renameSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "..", "dist", "preload");
renameSync(join(dir, "preload.js"), join(dir, "preload.cjs"));
