import { describe, expect, it } from "vitest";
import { Store } from "./store.ts";

describe("Store", () => {
  it("stamps resourceVersions and replays events after a version", () => {
    const s = new Store();
    const a = s.put("pods", { metadata: { name: "a", namespace: "n" } });
    const rv = Number(a.metadata.resourceVersion);
    s.put("pods", { ...a, spec: { x: 1 } });
    s.remove("pods", "n", "a");
    const events = s.since("pods", rv);
    expect(events).not.toBe("gone");
    expect((events as { type: string }[]).map((e) => e.type)).toEqual(["MODIFIED", "DELETED"]);
    expect(s.get("pods", "n", "a")).toBeUndefined();
  });
  it("reports gone for a version older than the history after compact", () => {
    const s = new Store();
    const a = s.put("pods", { metadata: { name: "a", namespace: "n" } });
    s.compact();
    expect(s.since("pods", Number(a.metadata.resourceVersion) - 1)).toBe("gone");
    expect(s.since("pods", s.rv)).toEqual([]);
  });
  it("returns copies, so callers cannot mutate stored objects", () => {
    const s = new Store();
    s.put("services", { metadata: { name: "x", namespace: "n" }, spec: { v: 1 } });
    const got = s.get("services", "n", "x");
    if (got) got.spec.v = 2;
    expect(s.get("services", "n", "x")?.spec.v).toBe(1);
  });
});
