import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, test } from "vitest";
import { readTrustedDaemonFile } from "./trustedDaemonFile.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test("a FERRY_HOME under a file has no daemon.json (null, not ENOTDIR), so ferryd's own message can speak", () => {
  const dir = mkdtempSync(join(tmpdir(), "ferry-notdir-"));
  dirs.push(dir);
  const file = join(dir, "hostname");
  writeFileSync(file, "x\n");
  expect(readTrustedDaemonFile(join(file, "x"))).toBeNull();
});
