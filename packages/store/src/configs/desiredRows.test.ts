import { describe, expect, it } from "vitest";
import { openStore } from "./openStore.ts";
import { useTempHomes } from "./testHome.ts";

const tempHome = useTempHomes();
const web = (alias: string) => ({
  alias,
  namespace: "webapp",
  workload_type: "service" as const,
  service: "web",
  remote_port: 80,
});

describe("desired states", () => {
  it("keeps which forwards should run across reopening, and forgets deleted configs", () => {
    const home = tempHome();
    const store = openStore({ home });
    const a = store.create(web("a"));
    const b = store.create(web("b"));
    const c = store.create(web("c"));
    store.desired.set([a.id, b.id, c.id], true);
    store.desired.set([b.id], false);
    store.desired.set([999], true); // no such config: nothing to restore later
    store.close();

    const again = openStore({ home });
    expect(again.desired.running()).toEqual([a.id, c.id]);
    again.remove(["c"]);
    expect(again.desired.running()).toEqual([a.id]);
    again.close();
  });

  it("remembers a user's stop until a start, auto_start turned on, or the config's deletion", () => {
    const store = openStore({ home: tempHome() });
    const [a, b, c, d] = ["a", "b", "c", "d"].map((alias) => store.create(web(alias)));
    const ids = [a, b, c, d].map((x) => x?.id as number);
    store.desired.set(ids, true);
    expect(store.desired.stopped()).toEqual([]);
    store.desired.set(ids, false);
    expect(store.desired.stopped()).toEqual(ids);
    store.desired.set([ids[0] as number], true); // started again
    store.update("b", { auto_start: true }); // a fresh wish to start with the daemon
    store.remove(["c"]);
    expect(store.desired.stopped()).toEqual([ids[3]]);
    store.update("d", { auto_start: false }); // turning it off clears nothing
    expect(store.desired.stopped()).toEqual([ids[3]]);
    store.close();
  });
});
