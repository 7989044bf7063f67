// Shared by the demo tests: temp homes, and the checks that nothing the demo started survives.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repo = resolve(fileURLToPath(import.meta.url), "../../../..");
export const demoScript = join(repo, "scripts/demo.ts");
export const DEMO_PORTS = [8080, 9001, 5353, 6379];

export function demoDirs(): { root: string; fakeHome: string; demoHome: string } {
  const root = mkdtempSync(join(tmpdir(), "ferry-demo-test-"));
  const fakeHome = join(root, "home");
  mkdirSync(fakeHome);
  return { root, fakeHome, demoHome: join(root, "demo") };
}

/** Every file below `dir`, relative to it. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true }).map(String);
}

/**
 * Processes whose command line or environment mentions `needle`. Every process the demo starts
 * inherits FERRY_HOME or the sim's directory, both inside the demo home.
 */
export function processesMentioning(needle: string): string[] {
  const out = execFileSync("ps", ["axeww", "-o", "pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => line.includes(needle) && !line.includes("ps axeww"))
    .map((line) => line.slice(0, 200));
}

/** Listening TCP/UDP sockets on the demo's local ports, as `ss` reports them. */
export function demoListeners(): string[] {
  const out = execFileSync("ss", ["-H", "-l", "-n", "-t", "-u"], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => DEMO_PORTS.some((port) => new RegExp(`:${port}\\s`).test(`${line} `)));
}
