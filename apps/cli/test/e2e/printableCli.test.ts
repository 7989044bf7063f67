import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ferry, useTempDirs, writeInput } from "./configHarness.ts";

// Issue 13.7: the store now refuses control characters in new configs, but a database written
// before that (or by hand) can still hold terminal escapes. Whatever the CLI prints shows them
// escaped, never raw.
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const ENTRY = {
  alias: "web",
  namespace: "webapp",
  workload_type: "service",
  service: "frontend",
  remote_port: 80,
  local_port: 18080,
};

/** Writes control characters into the stored config, as an older Ferry could have (daemon stopped). */
async function plantEscapes(home: string): Promise<void> {
  expect((await ferry(home, ["daemon", "stop"])).code).toBe(0);
  const require = createRequire(
    join(import.meta.dirname, "../../../../packages/store/package.json"),
  );
  const Database = require("better-sqlite3") as new (
    file: string,
  ) => {
    prepare(sql: string): { run(...args: unknown[]): unknown };
    close(): void;
  };
  const db = new Database(join(home, "configs.db"));
  db.prepare(
    "UPDATE configs SET context = ?, kubeconfig = ?, group_name = ? WHERE alias = 'web'",
  ).run("dev\u001b[31mRED\u202e", "/tmp/k\u0007", "g\u001b[2J");
  db.close();
}

describe("user data with control characters", () => {
  const tempDir = useTempDirs();

  it("is escaped in every listing: config list/show, status, stop, completion", async () => {
    const h = tempDir();
    const file = writeInput(tempDir(), "c.json", JSON.stringify([ENTRY]));
    expect((await ferry(h, ["config", "import", file])).code).toBe(0);
    await plantEscapes(h);
    for (const args of [
      ["config", "list"],
      ["config", "show", "web"],
      ["status"],
      ["stop", "web"],
      ["__complete", "start", "--group", ""],
      ["__complete", "start", "--context", ""],
    ]) {
      const run = await ferry(h, args);
      expect(run.code, `${args.join(" ")}: ${run.stderr}`).toBe(0);
      expect(run.stdout, args.join(" ")).not.toMatch(RAW);
    }
    const show = (await ferry(h, ["config", "show", "web"])).stdout;
    expect(show).toContain("dev\\x1b[31mRED\\u202e");
    expect(show).toContain("/tmp/k\\x07");
    expect(show).toContain("g\\x1b[2J");
  });

  it("is escaped in messages that quote it: an unknown alias, an import summary", async () => {
    const h = tempDir();
    const run = await ferry(h, ["start", "nope\u001b]0;pwned\u0007"]);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toContain("nope\\x1b]0;pwned\\x07");
    const file = writeInput(
      tempDir(),
      "a.json",
      JSON.stringify([{ ...ENTRY, alias: "w\u001b[1m" }]),
    );
    const imported = await ferry(h, ["config", "import", file]);
    expect(imported.stdout + imported.stderr).not.toMatch(RAW);
  });
});
