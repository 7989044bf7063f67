import { chmodSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { addServiceArgs, ferry, ferrydPids, runCollect, useTempDirs } from "./configHarness.ts";

const BIN = join(import.meta.dirname, "../../src/bin/ferry.ts");

/** A `ferry` on PATH, as a user has it, running this checkout's CLI. */
function ferryOnPath(dir: string): string {
  const file = join(dir, "ferry");
  writeFileSync(file, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(file, 0o755);
  return dir;
}

/** Runs `script` in `shell` with the `ferry` wrapper first on PATH; returns stdout lines. */
async function inShell(
  home: string,
  bin: string,
  shell: string,
  args: string[],
): Promise<string[]> {
  const run = await runCollect(shell, args, {
    env: {
      PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`,
      FERRY_HOME: home,
      HOME: home,
    },
  });
  expect(run.stderr).toBe("");
  return run.stdout.split("\n").filter(Boolean);
}

/** Sources `ferry completion bash`, runs its function on `line` (cursor at the end), prints COMPREPLY. */
async function completeBash(home: string, bin: string, line: string): Promise<string[]> {
  writeFileSync(join(bin, "ferry.bash"), (await ferry(home, ["completion", "bash"])).stdout);
  const words = line.split(" ").map((w) => `"${w}"`);
  const call = `source "${join(bin, "ferry.bash")}"; COMP_WORDS=(${words.join(" ")}); COMP_CWORD=${words.length - 1}; _ferry; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return inShell(home, bin, "bash", ["-c", call]);
}

describe("ferry completion bash", () => {
  const tempDir = useTempDirs();

  it("completes subcommands, and aliases and groups from the running daemon", {
    timeout: 240_000,
  }, async () => {
    const h = tempDir();
    const bin = ferryOnPath(tempDir());
    const to = { namespace: "webapp", service: "frontend", localPort: 18080 };
    expect(
      (await ferry(h, addServiceArgs("web", to, ["--group", "shop", "--context", "dev-east"])))
        .code,
    ).toBe(0);
    expect((await ferry(h, addServiceArgs("db", { ...to, localPort: 18081 }))).code).toBe(0);

    expect(await completeBash(h, bin, "ferry st")).toEqual(["start", "status", "stop"]);
    expect(await completeBash(h, bin, "ferry stop ")).toEqual(["db", "web"]);
    expect(await completeBash(h, bin, "ferry config show w")).toEqual(["web"]);
    expect(await completeBash(h, bin, "ferry start --al")).toEqual(["--all"]);
    expect(await completeBash(h, bin, "ferry config edit web --group ")).toEqual(["shop"]);
    expect(await completeBash(h, bin, "ferry start --context dev-")).toEqual(["dev-east"]);
    expect(await completeBash(h, bin, "ferry disc")).toEqual(["discover"]);
    expect(await completeBash(h, bin, "ferry discover --all-")).toEqual([
      "--all-contexts",
      "--all-services",
    ]);
    expect(await completeBash(h, bin, "ferry discover --dry")).toEqual(["--dry-run"]);
    expect(await completeBash(h, bin, "ferry discover --context dev-")).toEqual(["dev-east"]);
    expect(await completeBash(h, bin, "ferry discover --watch-context dev-")).toEqual(["dev-east"]);
    expect(await completeBash(h, bin, "ferry logs http ")).toEqual(["db", "web"]);
    expect(await completeBash(h, bin, "ferry logs http web --r")).toEqual(["--replay"]);
    expect(await completeBash(h, bin, "ferry sync ")).toEqual([
      "add",
      "list",
      "now",
      "push",
      "rm",
      "status",
    ]);
    expect(await completeBash(h, bin, "ferry sync now --")).toEqual([
      "--force",
      "--help",
      "--json",
    ]);
    expect(await completeBash(h, bin, "ferry config edit web --http-logs-e")).toEqual([
      "--http-logs-enabled",
    ]);
  });

  it("does not start a daemon: with none running, aliases are simply not offered", async () => {
    const h = tempDir();
    const bin = ferryOnPath(tempDir());
    expect(await completeBash(h, bin, "ferry stop ")).toEqual([]);
    expect(await completeBash(h, bin, "ferry da")).toEqual(["daemon"]);
    expect(ferrydPids(h)).toEqual([]);
  });

  it("refuses a shell it does not know, exit 2", async () => {
    const run = await ferry(tempDir(), ["completion", "tcsh"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ferry: no completion for "tcsh"; choose bash, zsh or fish\n');
  });
});

describe("ferry completion fish and zsh", () => {
  const tempDir = useTempDirs();

  it("fish completes `ferry st` and `ferry stop ` through its own `complete -C`", async () => {
    const h = tempDir();
    const bin = ferryOnPath(tempDir());
    const to = { namespace: "webapp", service: "frontend", localPort: 18080 };
    expect((await ferry(h, addServiceArgs("web", to))).code).toBe(0);
    writeFileSync(join(bin, "ferry.fish"), (await ferry(h, ["completion", "fish"])).stdout);
    const source = `source ${join(bin, "ferry.fish")};`;
    expect(await inShell(h, bin, "fish", ["-c", `${source} complete -C 'ferry st'`])).toEqual([
      "start",
      "status",
      "stop",
    ]);
    expect(await inShell(h, bin, "fish", ["-c", `${source} complete -C 'ferry stop '`])).toEqual([
      "web",
    ]);
  });

  it("zsh's function hands `ferry st` to compadd (completion system stubbed: no terminal here)", async () => {
    const h = tempDir();
    const bin = ferryOnPath(tempDir());
    writeFileSync(join(bin, "_ferry"), (await ferry(h, ["completion", "zsh"])).stdout);
    const stubs = 'compdef(){}; compadd(){ print -l -- "$@" }; _files(){ print FILES };';
    const call = `${stubs} source ${join(bin, "_ferry")}; words=(ferry st); CURRENT=2; _ferry`;
    expect(await inShell(h, bin, "zsh", ["-f", "-c", call])).toEqual([
      "--",
      "start",
      "status",
      "stop",
    ]);
  });
});
