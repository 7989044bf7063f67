import { afterEach, describe, expect, it } from "vitest";
import { Liveness } from "./liveness.ts";

const made: Liveness[] = [];
afterEach(() => {
  for (const l of made.splice(0)) l.stop();
});

function probe(o: { pingMs?: number; pingTimeoutMs?: number } = {}) {
  const seen = { pings: 0, dead: [] as string[], paused: false };
  const l = new Liveness(
    { pingMs: o.pingMs ?? 0, pingTimeoutMs: o.pingTimeoutMs ?? 50 },
    {
      ping: () => seen.pings++,
      paused: () => seen.paused,
      dead: (why) => seen.dead.push(why),
    },
  );
  made.push(l);
  return { l, seen };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("Liveness", () => {
  it("no byte within the timeout after a ping: dead, naming the bound", async () => {
    const { l, seen } = probe();
    l.check();
    expect(seen.pings).toBe(1);
    await wait(120);
    expect(seen.dead).toEqual(["no answer to a ping within 0.05 s"]);
  });

  it("a request the far end answers is the probe: no ping, the same deadline", async () => {
    const { l, seen } = probe();
    l.check(undefined, "a new stream");
    expect(seen.pings).toBe(0);
    await wait(120);
    expect(seen.dead).toEqual(["no answer to a new stream within 0.05 s"]);
    const answered = probe();
    answered.l.check(undefined, "a new stream");
    answered.l.received();
    await wait(120);
    expect(answered.seen.dead).toEqual([]);
  });

  it("any byte after the ping proves life; verify() says so", async () => {
    const { l, seen } = probe();
    const alive = l.verify();
    l.received();
    expect(await alive).toBe(true);
    await wait(120);
    expect(seen.dead).toEqual([]);
  });

  it("an unanswered ping covers later checks; once answered, the next check pings again", async () => {
    const { l, seen } = probe({ pingTimeoutMs: 1000 });
    l.check();
    l.check();
    expect(seen.pings).toBe(1);
    l.received();
    l.check();
    expect(seen.pings).toBe(2);
  });

  it("silence while Ferry holds the socket (backpressure) is not judged", async () => {
    const { l, seen } = probe();
    seen.paused = true;
    expect(await l.verify()).toBe(true);
    expect(seen.dead).toEqual([]);
  });

  it("a quiet connection is pinged every pingMs; a chatty one is not", async () => {
    const { l, seen } = probe({ pingMs: 30, pingTimeoutMs: 1000 });
    const chatter = setInterval(() => l.received(), 5);
    await wait(100);
    clearInterval(chatter);
    expect(seen.pings).toBe(0);
    await wait(100);
    expect(seen.pings).toBeGreaterThan(0);
  });
});
