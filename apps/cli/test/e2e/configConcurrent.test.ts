import { describe, expect, it } from "vitest";
import { EXAMPLES, ferry, useTempDirs, writeInput } from "./configHarness.ts";

/** Many configs, so each import holds the write lock long enough for the others to queue on it. */
function bigFile(dir: string, name: string, namespace: string, count: number): string {
  const configs = Array.from({ length: count }, (_, i) => ({
    alias: `${namespace}-${i}`,
    namespace,
    workload_type: "service",
    service: `svc-${i}`,
    remote_port: 1 + i,
  }));
  return writeInput(dir, name, JSON.stringify(configs));
}

describe("concurrent ferry config import", () => {
  const tempDir = useTempDirs();

  it("three processes importing different files at once: every config lands", async () => {
    const home = tempDir();
    const dir = tempDir();
    const files = ["alpha", "beta", "gamma"].map((ns) => bigFile(dir, `${ns}.json`, ns, 1500));
    const runs = await Promise.all(files.map((file) => ferry(home, ["config", "import", file])));
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("1500 added");
    }
    const configs = JSON.parse((await ferry(home, ["config", "list", "--json"])).stdout) as {
      alias: string;
    }[];
    expect(configs).toHaveLength(4500);
    expect(new Set(configs.map((c) => c.alias)).size).toBe(4500);
  });

  it("two processes importing the same file at once: added once, no duplicates", async () => {
    const home = tempDir();
    const runs = await Promise.all([0, 1].map(() => ferry(home, ["config", "import", EXAMPLES])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const added = runs.map((r) => Number(/(\d+) added/.exec(r.stdout)?.[1]));
    expect(added.sort()).toEqual([0, 4]);
    const configs = JSON.parse(
      (await ferry(home, ["config", "list", "--json"])).stdout,
    ) as unknown[];
    expect(configs).toHaveLength(4);
  });
});
