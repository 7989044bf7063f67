import type { V1EndpointSlice } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { readyEndpointPods } from "./watchKinds.ts";

const slice = (eps: { pod?: string; ready?: boolean; kind?: string }[]): V1EndpointSlice => ({
  addressType: "IPv4",
  endpoints: eps.map((e, i) => ({
    addresses: [`10.0.0.${i}`],
    conditions: e.ready === undefined ? {} : { ready: e.ready },
    targetRef: e.pod ? { kind: e.kind ?? "Pod", name: e.pod } : undefined,
  })),
});

describe("readyEndpointPods", () => {
  it("collects ready (or unknown-readiness) pod endpoints across slices", () => {
    const names = readyEndpointPods([
      slice([{ pod: "a", ready: true }, { pod: "b", ready: false }, { pod: "c" }]),
      slice([{ pod: "d", ready: true }, { ready: true }, { pod: "n1", kind: "Node", ready: true }]),
    ]);
    expect([...names].sort()).toEqual(["a", "c", "d"]);
  });
});
