import { describe, expect, it } from "vitest";
import { ReconnectGate } from "./reconnectGate.ts";

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe("ReconnectGate", () => {
  it("runs at most N attempts per cluster at once, the rest in order, other clusters apart", async () => {
    const gate = new ReconnectGate(2);
    const started: number[] = [];
    const blockers = Array.from({ length: 5 }, () => deferred());
    const runs = blockers.map((b, i) =>
      gate.run("a", async () => {
        started.push(i);
        await b.promise;
      }),
    );
    const other = gate.run("b", async () => "b ran");
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    expect(gate.active("a")).toBe(2);
    expect(await other).toBe("b ran");
    blockers[1]!.resolve();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const b of blockers) b.resolve();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(gate.active("a")).toBe(0);
  });

  it("a failed attempt frees its slot; an attempt aborted while queued never runs", async () => {
    const gate = new ReconnectGate(1);
    const hold = deferred();
    const first = gate.run("a", () => hold.promise);
    const abort = new AbortController();
    let ran = false;
    const queued = gate.run(
      "a",
      async () => {
        ran = true;
      },
      abort.signal,
    );
    abort.abort();
    await expect(queued).rejects.toThrow(/cancelled/);
    const failing = gate.run("a", async () => {
      throw new Error("boom");
    });
    hold.resolve();
    await first;
    await expect(failing).rejects.toThrow("boom");
    expect(await gate.run("a", async () => 42)).toBe(42);
    expect(ran).toBe(false);
  });
});
