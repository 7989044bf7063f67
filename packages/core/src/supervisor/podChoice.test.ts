import type { V1EndpointSlice, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { ListWatch } from "./listWatch.ts";
import { PodChoice } from "./podChoice.ts";

const pod = (name: string): V1Pod => ({
  metadata: { name },
  spec: { containers: [{ name: "c", ports: [{ containerPort: 80 }] }] },
  status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
});

const slice = (ready: Record<string, boolean>): V1EndpointSlice => ({
  addressType: "IPv4",
  endpoints: Object.entries(ready).map(([name, r]) => ({
    addresses: ["10.0.0.1"],
    conditions: { ready: r },
    targetRef: { kind: "Pod", name },
  })),
});

/** The state of a watch PodChoice reads: its items, health and change count. */
function watchOf<T>(items: Record<string, T>) {
  return { items: new Map(Object.entries(items)), healthy: true, changes: 0 };
}

describe("PodChoice with a service's EndpointSlices", () => {
  it("follows the slices when they change (the ready set is kept only until the next change)", () => {
    const pods = watchOf({ a: pod("a"), b: pod("b") });
    const slices = watchOf({ s: slice({ a: true, b: true }) });
    const choice = new PodChoice(
      pods as unknown as ListWatch<V1Pod>,
      slices as unknown as ListWatch<V1EndpointSlice>,
      80,
    );
    expect(choice.choose()?.name).toBe("a");
    expect(choice.choose(new Set(["a"]))?.name).toBe("b");
    // The slices now say a is not ready: the watch changes its items and counts the change.
    slices.items.set("s", slice({ a: false, b: true }));
    slices.changes++;
    expect(choice.choose()?.name).toBe("b");
    expect(choice.choose(new Set(["b"]))).toBeNull();
  });
});
