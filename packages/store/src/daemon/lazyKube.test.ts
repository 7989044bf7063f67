import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const FERRYD = join(import.meta.dirname, "../bin/ferryd.ts");

/** ferryd's import graph: store's code and the workspace packages it runs (core...). */
async function ferrydGraph(): Promise<Metafile["inputs"]> {
  const result = await build({
    entryPoints: [FERRYD],
    bundle: true,
    write: false,
    platform: "node",
    format: "esm",
    metafile: true,
    logLevel: "silent",
    external: ["better-sqlite3", "better-sqlite3-napi9", "pako", "spdy-transport"],
  });
  return result.metafile.inputs;
}

/** The files ferryd reaches from its entry, following import() too or not. */
function reached(inputs: Metafile["inputs"], dynamic: boolean): string[] {
  const start = Object.keys(inputs).find((k) => k.endsWith("src/bin/ferryd.ts")) as string;
  const seen = new Set([start]);
  const queue = [start];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const i of inputs[file]?.imports ?? []) {
      if (i.external || (!dynamic && i.kind === "dynamic-import") || seen.has(i.path)) continue;
      seen.add(i.path);
      queue.push(i.path);
    }
  }
  return [...seen];
}

const clientNode = (files: string[]) => files.filter((f) => f.includes("@kubernetes/client-node"));

describe("ferryd loads @kubernetes/client-node only on first use (issue 16, idle RSS)", () => {
  it("ferryd (store and core) reaches it only through import(), never of the whole package", async () => {
    const inputs = await ferrydGraph();
    expect(clientNode(reached(inputs, false))).toEqual([]);
    expect(clientNode(reached(inputs, true)).length).toBeGreaterThan(0);
    // import() of the package itself makes a bundle keep every module of it (the packaged ferryd
    // grew 20 MiB that way): core's loadClientNode imports its parts by name (clientNodeParts.ts)
    // and store loads it through that.
    const whole = Object.entries(inputs).flatMap(([file, input]) =>
      input.imports
        .filter((i) => i.kind === "dynamic-import" && i.path.includes("@kubernetes/client-node"))
        .map(() => file),
    );
    expect(whole).toEqual([]);
  });
});
