import { describe, expect, it } from "vitest";
import { addServiceArgs, ferry, useHomes } from "./daemonHarness.ts";

const add = (alias: string, port: string) =>
  addServiceArgs(alias, { namespace: "default", service: alias, localPort: port });

/** Bad input reaches the daemon's API and comes back as a message a person can act on, exit 1. */
describe("bad input through the daemon API", () => {
  const home = useHomes();

  it("an unknown alias", async () => {
    const h = home();
    const run = await ferry(h, ["start", "nope"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('ferry: no config named "nope"; `ferry config list` shows them all\n');
    const stop = await ferry(h, ["stop", "nope", "web"]);
    expect(stop.code).toBe(1);
    expect(stop.stderr).toContain('no config named "nope"');
  });

  it("an invalid config", async () => {
    const h = home();
    const run = await ferry(h, add("web", "70000"));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("--local-port: expected an integer 0-65535");
    // Issue 13: a number the schema refuses is reported once, naming the flag.
    const huge = await ferry(h, [...add("web2", "0").slice(0, -4), "--remote-port", "1e20"]);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toBe(
      'ferry: invalid config:\n  --remote-port: expected an integer 1-65535, got "1e20"\n',
    );
    const edit = await ferry(h, ["config", "edit", "nope", "--remote-port", "81"]);
    expect(edit.code).toBe(1);
    expect(edit.stderr).toContain('no config named "nope"');
  });

  it("no forward named at all is a usage error (exit 2)", async () => {
    const run = await ferry(home(), ["start"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("pass --all");
  });

  it("a context with no configs", async () => {
    const h = home();
    expect((await ferry(h, add("web", "0"))).code).toBe(0);
    const run = await ferry(h, ["start", "--all", "--context", "nowhere"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("no config matches");
  });
});
