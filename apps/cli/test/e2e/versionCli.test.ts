import { SCHEMA_VERSION } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import cliPackage from "../../package.json" with { type: "json" };
import { ferry, useHomes } from "./daemonHarness.ts";

// Issue 21: `ferry version --json` says the schema and the relay bundle the daemon deploys.
describe("ferry version", () => {
  const homes = useHomes();

  it("--json: with no daemon, this ferry's schema and no relay bundle; with one, the daemon's schema and relay bundle digest", async () => {
    const home = homes();
    const before = await ferry(home, ["version", "--json"]);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({
      cli: cliPackage.version,
      node: process.versions.node,
      daemon: null,
      relayBundle: null,
      schema: SCHEMA_VERSION,
    });

    expect((await ferry(home, ["daemon", "start"])).code).toBe(0);
    const after = await ferry(home, ["version", "--json"]);
    expect(after.code, after.stderr).toBe(0);
    expect(JSON.parse(after.stdout)).toMatchObject({
      daemon: expect.any(String),
      relayBundle: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      schema: SCHEMA_VERSION,
    });
    const text = await ferry(home, ["version"]);
    expect(text.stdout).toMatch(/^relay bundle sha256:[0-9a-f]{64}$/m);
    expect(text.stdout).toMatch(new RegExp(`^schema ${SCHEMA_VERSION}$`, "m"));
  });
});
