import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { launchAgentPlist } from "./launchAgent.ts";

// launchd cannot run here; Python's plistlib (a real plist parser) checks what it would read.
describe("launchAgentPlist", () => {
  it("parses as a plist with the program, its environment, RunAtLoad and restart on failure", () => {
    const text = launchAgentPlist({
      program: ["/usr/local/bin/node", "/opt/a&b/<ferry>/dist/ferryd.js"],
      env: { FERRY_HOME: "/Users/u/.ferry" },
      home: "/Users/u/.ferry",
    });
    const parsed = spawnSync(
      "python3",
      [
        "-c",
        "import json,plistlib,sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))",
      ],
      { input: text, encoding: "utf8" },
    );
    expect(parsed.stderr).toBe("");
    expect(JSON.parse(parsed.stdout)).toEqual({
      Label: "dev.ferry.ferryd",
      ProgramArguments: ["/usr/local/bin/node", "/opt/a&b/<ferry>/dist/ferryd.js"],
      EnvironmentVariables: { FERRY_HOME: "/Users/u/.ferry" },
      RunAtLoad: true,
      KeepAlive: { SuccessfulExit: false },
      Umask: 63,
      StandardOutPath: "/Users/u/.ferry/launchd.log",
      StandardErrorPath: "/Users/u/.ferry/launchd.log",
    });
  });
});
