import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import react from "@vitejs/plugin-react";
import { build } from "vite";

/** Builds a renderer entry (the app's or the fake's) into a temp dir: what the suites serve. */
export async function buildRenderer(root: string): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), "ferry-tray-build-"));
  await build({
    configFile: false,
    root,
    base: "./",
    logLevel: "warn",
    plugins: [react()],
    build: { outDir: out, emptyOutDir: true, target: "es2022" },
  });
  return out;
}
