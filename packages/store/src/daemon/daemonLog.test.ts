import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDaemonLog, logText, redact } from "./daemonLog.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("daemon log", () => {
  it("redacts bearer tokens, Authorization headers, ?token= and kubeconfig secrets", () => {
    const line = redact(
      'GET /x?token=abc123 Authorization: Bearer s3cr3t-value {"token":"zzz","client-key-data":"LS0t"} id-token: eyJ',
    );
    for (const secret of ["abc123", "s3cr3t-value", "zzz", "LS0t", "eyJ"])
      expect(line).not.toContain(secret);
    expect(redact("the daemon token is T0k3nT0k3n!", ["T0k3nT0k3n"])).toBe(
      "the daemon token is [redacted]!",
    );
  });

  it("rotates by size and keeps a bounded number of files", () => {
    const home = mkdtempSync(join(tmpdir(), "ferry-log-"));
    dirs.push(home);
    const log = createDaemonLog(home, { maxBytes: 200, keep: 2 });
    for (let i = 0; i < 50; i++) log.info(`line ${i} ${"x".repeat(40)}`);
    expect(readdirSync(home).sort()).toEqual(["daemon.log", "daemon.log.1", "daemon.log.2"]);
    expect(readFileSync(join(home, "daemon.log"), "utf8")).toContain("line 49");
  });

  it("escapes control characters and indents further lines, so no entry can be forged", () => {
    expect(logText("web\u001b[2J (#3): running")).toBe("web\\x1b[2J (#3): running");
    expect(logText("boom\n2026-01-01T00:00:00Z info [1] fake entry")).toBe(
      "boom\n    2026-01-01T00:00:00Z info [1] fake entry",
    );
  });

  it("echoes each redacted line (to the journal under systemd) as it writes the file", () => {
    const home = mkdtempSync(join(tmpdir(), "ferry-log-"));
    dirs.push(home);
    const echoed: string[] = [];
    const log = createDaemonLog(home, {
      secrets: () => ["T0k3nT0k3nT0k3n"],
      echo: { write: (line: string) => echoed.push(line) },
    });
    log.warn("token T0k3nT0k3nT0k3n seen");
    expect(echoed).toEqual([expect.stringMatching(/ warn \[\d+\] token \[redacted\] seen\n$/)]);
    expect(readFileSync(join(home, "daemon.log"), "utf8")).toBe(echoed[0]);
  });
});
