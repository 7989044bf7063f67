import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  demoDirs,
  demoListeners,
  demoScript,
  filesBelow,
  processesMentioning,
  repo,
} from "./demoHarness.ts";

describe("pnpm demo without a terminal", () => {
  it("passes all four checks, stops everything, and writes nothing outside its home", async () => {
    const { fakeHome, demoHome } = demoDirs();
    const child = spawn(process.execPath, [demoScript], {
      cwd: repo,
      env: { ...process.env, HOME: fakeHome, FERRY_DEMO_HOME: demoHome },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    const code = await new Promise<number | null>((done) => child.on("exit", done));

    expect(out).toContain("demo checks: 4 passed, 0 failed");
    for (const alias of [
      "web-frontend-svc",
      "auth-api-pod",
      "cluster-dns-udp",
      "private-redis-proxy",
    ]) {
      expect(out).toMatch(new RegExp(`✔ ${alias}`));
    }
    expect(code, out).toBe(0);
    expect(filesBelow(fakeHome)).toEqual([]);
    expect(processesMentioning(demoHome)).toEqual([]);
    expect(demoListeners()).toEqual([]);
  });
});
