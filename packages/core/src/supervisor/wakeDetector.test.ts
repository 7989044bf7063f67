import { afterEach, describe, expect, it } from "vitest";
import { watchForWake } from "./wakeDetector.ts";

function fakeClock() {
  let wall = 1_000_000;
  let mono = 0;
  return {
    clock: { now: () => wall, monotonic: () => mono },
    /** Both clocks move: a normal tick. */
    tick(ms: number) {
      wall += ms;
      mono += ms;
    },
    /** Only the wall clock moves: the machine slept. */
    sleep(ms: number) {
      wall += ms;
    },
  };
}

const stops: Array<() => void> = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
});

async function nextTicks(n: number, everyMs: number) {
  await new Promise((r) => setTimeout(r, n * everyMs + everyMs / 2));
}

describe("watchForWake", () => {
  it("reports a wall clock that jumped ahead of the monotonic one, and nothing on normal ticks", async () => {
    const c = fakeClock();
    const wakes: string[] = [];
    stops.push(
      watchForWake({
        everyMs: 20,
        lateMs: 10_000,
        clock: c.clock,
        network: false,
        onWake: (r) => wakes.push(r),
      }),
    );
    c.tick(20);
    await nextTicks(1, 20);
    expect(wakes).toEqual([]);
    c.sleep(60_000);
    await nextTicks(1, 20);
    expect(wakes).toHaveLength(1);
    expect(wakes[0]).toMatch(/wake detected: the wall clock jumped 60 s/);
  });

  it("reports a timer that fired far too late (the process was stopped)", async () => {
    const c = fakeClock();
    const wakes: string[] = [];
    stops.push(
      watchForWake({
        everyMs: 20,
        lateMs: 10_000,
        clock: c.clock,
        network: false,
        onWake: (r) => wakes.push(r),
      }),
    );
    c.tick(30_000);
    await nextTicks(1, 20);
    expect(wakes).toHaveLength(1);
    expect(wakes[0]).toMatch(/fired 30 s late/);
  });
});
