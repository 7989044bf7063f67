import { builtinModules } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const PACKAGE = join(import.meta.dirname, "../..");

/** Bundles `source` for a browser the way Vite bundles the tray's renderer; returns the inputs. */
async function bundleForBrowser(source: string): Promise<string[]> {
  const result = await build({
    stdin: { contents: source, resolveDir: PACKAGE, loader: "ts" },
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe("@ferry/store/client in a browser", () => {
  it("bundles through package.json exports with no Node builtin in it", async () => {
    const inputs = await bundleForBrowser(
      'import * as client from "@ferry/store/client"; console.log(Object.keys(client));',
    );
    expect(inputs.some((i) => i.endsWith("src/client/index.ts"))).toBe(true);
    expect(inputs.filter((i) => NODE_BUILTINS.has(i))).toEqual([]);
    expect(inputs.some((i) => i.includes("better-sqlite3") || i.includes("client-node"))).toBe(
      false,
    );
  });

  it("refuses a bundle that reaches a Node builtin (the check above can fail)", async () => {
    await expect(
      bundleForBrowser(
        'import { ensureDaemon } from "@ferry/store/node"; console.log(ensureDaemon);',
      ),
    ).rejects.toThrow(/node:child_process|node:path|node:fs/);
  });
});
