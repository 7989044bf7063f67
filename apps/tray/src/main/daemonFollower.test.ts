import { describe, expect, it } from "vitest";
import { DaemonFollower } from "./daemonFollower.ts";

/** A stand-in for what daemonLink's connectDaemon returns: one daemon (port) per link. */
interface Link {
  port: number;
}

/** Daemons come and go by port; `connect` finds the running one, or fails when none runs. */
function world() {
  const w = {
    running: 1 as number | null,
    connects: 0,
    slept: [] as number[],
    linked: [] as [number, number | null][],
    follower: null as unknown as DaemonFollower<Link>,
  };
  w.follower = new DaemonFollower<Link>({
    connect: async () => {
      w.connects += 1;
      if (w.running === null) throw new Error("ferryd did not start: HOME_NOT_WRITABLE");
      return { port: w.running };
    },
    answers: async (link) => link.port === w.running,
    onLinked: (link, previous) => w.linked.push([link.port, previous?.port ?? null]),
    sleep: async (ms) => void w.slept.push(ms),
  });
  return w;
}

describe("DaemonFollower", () => {
  it("connects once and hands the same link to every caller while it lives", async () => {
    const w = world();
    const [a, b] = await Promise.all([w.follower.current(), w.follower.current()]);
    expect(a).toBe(b);
    expect(await w.follower.checked()).toBe(a);
    expect(w.connects).toBe(1);
    expect(w.linked).toEqual([[1, null]]);
  });

  it("connects again once a link is lost, and tells who replaced whom", async () => {
    const w = world();
    const first = await w.follower.current();
    w.running = 2;
    w.follower.lost(first);
    const second = await w.follower.current();
    expect(second.port).toBe(2);
    expect(w.linked).toEqual([
      [1, null],
      [2, 1],
    ]);
  });

  it("ignores a loss reported for a link already replaced", async () => {
    const w = world();
    const first = await w.follower.current();
    w.running = 2;
    w.follower.lost(first);
    const second = await w.follower.current();
    w.follower.lost(first);
    expect(await w.follower.current()).toBe(second);
    expect(w.connects).toBe(2);
  });

  it("checked() notices a daemon that stopped answering and follows the new one", async () => {
    const w = world();
    await w.follower.current();
    w.running = 7;
    expect((await w.follower.checked()).port).toBe(7);
    expect(w.connects).toBe(2);
  });

  it("runs one attempt at a time for every caller", async () => {
    const w = world();
    const first = await w.follower.current();
    w.running = 3;
    w.follower.lost(first);
    const links = await Promise.all([
      w.follower.current(),
      w.follower.checked(),
      w.follower.current(),
    ]);
    expect(links.map((l) => l.port)).toEqual([3, 3, 3]);
    expect(w.connects).toBe(2);
  });

  it("passes a failed attempt's error on and backs off before the next, until live again", async () => {
    const w = world();
    const first = await w.follower.current();
    w.follower.live(); // the menu's rows came: a loss from here starts with an attempt at once
    w.running = null;
    w.follower.lost(first);
    await expect(w.follower.current()).rejects.toThrow("HOME_NOT_WRITABLE");
    await expect(w.follower.current()).rejects.toThrow("HOME_NOT_WRITABLE");
    await expect(w.follower.checked()).rejects.toThrow("HOME_NOT_WRITABLE");
    expect(w.slept).toEqual([500, 1_000]);
    w.running = 4;
    const back = await w.follower.current();
    expect(back.port).toBe(4);
    expect(w.slept).toEqual([500, 1_000, 2_000]);
    w.follower.live();
    w.follower.lost(back);
    await w.follower.current();
    expect(w.slept).toEqual([500, 1_000, 2_000]);
  });
});
