import { describe, expect, it } from "vitest";
import { EXAMPLES, ferry, useTempDirs, writeInput } from "./configHarness.ts";

// Issue 21 (start-up): Node compiles its internal undici on the first global fetch and on the
// first read of globalThis.WebSocket, about a fifth of a short command. The CLI talks to its
// daemon over node:http (loopbackFetch) and opens a WebSocket only for subscriptions.

/** Preloaded into the CLI: at exit, says on stderr whether Node loaded its undici. */
const PROBE =
  'process.on("exit", () => process.stderr.write("undici loaded: " + ' +
  'process.moduleLoadList.some((m) => m.includes("undici")) + "\\n"));\n';

describe("ferry start-up", () => {
  const tempDir = useTempDirs();

  it("`ferry status` against a running daemon never makes Node load undici", async () => {
    const home = tempDir();
    const probe = writeInput(home, "probe.mjs", PROBE);
    // The import starts the daemon; the probe is set only for the status runs.
    expect((await ferry(home, ["config", "import", EXAMPLES])).code).toBe(0);
    const env = { NODE_OPTIONS: `--import ${probe}` };
    for (const args of [["status"], ["status", "--json"]]) {
      const run = await ferry(home, args, undefined, undefined, env);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("web-frontend-svc");
      expect(run.stderr).toContain("undici loaded: false");
    }
    // The probe can tell: with one global fetch before the CLI runs, it says so.
    const fetch = writeInput(home, "fetch.mjs", 'await fetch("data:,x");\n');
    const fetched = await ferry(home, ["status"], undefined, undefined, {
      NODE_OPTIONS: `--import ${probe} --import ${fetch}`,
    });
    expect(fetched.stderr).toContain("undici loaded: true");
  });
});
