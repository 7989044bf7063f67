import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/index.ts";

const STORE = pathToFileURL(join(import.meta.dirname, "../../src/index.ts")).href;

/** One real process: opens the store in `home` (creating and migrating it) and imports `count` configs. */
function importInChild(
  home: string,
  name: string,
  count: number,
): Promise<{ code: number | null; out: string }> {
  const script = `
    const { openStore } = await import(${JSON.stringify(STORE)});
    const configs = Array.from({ length: ${count} }, (_, i) => ({
      alias: "${name}-" + i, namespace: "${name}", workload_type: "pod", target: "app=" + i, remote_port: 1 + i,
    }));
    const store = openStore({ home: ${JSON.stringify(home)} });
    const report = store.import(JSON.stringify(configs));
    store.close();
    console.log(report.added.length);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out }));
  });
}

describe("several processes on one configs.db", () => {
  const homes: string[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });

  it("four processes create, migrate and import into a fresh home at once; nothing is lost", async () => {
    const home = mkdtempSync(join(tmpdir(), "ferry-store-e2e-"));
    homes.push(home);
    const names = ["a", "b", "c", "d"];
    const runs = await Promise.all(names.map((name) => importInChild(home, name, 800)));
    for (const run of runs) expect(run).toEqual({ code: 0, out: "800\n" });
    const store = openStore({ home });
    expect(store.list()).toHaveLength(3200);
    store.close();
  });
});
