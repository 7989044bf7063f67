import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { processAlive } from "./processAlive.ts";

describe("processAlive", () => {
  it("is true for a running process and false once it has exited", async () => {
    const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
    const pid = child.pid!;
    expect(processAlive(pid)).toBe(true);
    child.kill();
    await once(child, "exit");
    expect(processAlive(pid)).toBe(false);
  });
});
