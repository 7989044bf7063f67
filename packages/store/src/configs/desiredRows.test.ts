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
});
