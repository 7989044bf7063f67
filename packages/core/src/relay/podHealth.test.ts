import type { V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { podHealth } from "./relayPod.ts";

const meta = { namespace: "ns", name: "ferry-relay-1-abc" };
const health = (status: V1Pod["status"]) =>
  podHealth({ metadata: meta, status }, "/home/u/.ferry/proxy_manifest.json");

describe("podHealth", () => {
  it("is ready only when Running with Ready=True", () => {
    expect(health({ phase: "Running", conditions: [{ type: "Ready", status: "True" }] })).toEqual({
      kind: "ready",
    });
    expect(
      health({ phase: "Running", conditions: [{ type: "Ready", status: "False" }] }).kind,
    ).toBe("waiting");
    expect(health({ phase: "Pending" }).kind).toBe("waiting");
  });

  it("reports ImagePullBackOff with the image and the manifest file", () => {
    const h = health({
      phase: "Pending",
      containerStatuses: [
        {
          name: "relay",
          image: "nope/relay:1",
          imageID: "",
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: "ImagePullBackOff", message: "pull access denied" } },
        },
      ],
    });
    expect(h.kind).toBe("failed");
    if (h.kind !== "failed") return;
    expect(h.error.code).toBe("RELAY_IMAGE_PULL");
    expect(h.error.message).toContain('"nope/relay:1"');
    expect(h.error.message).toContain("proxy_manifest.json");
  });

  it("reports an unschedulable pod with the scheduler's reason", () => {
    const h = health({
      phase: "Pending",
      conditions: [
        {
          type: "PodScheduled",
          status: "False",
          reason: "Unschedulable",
          message: "0/3 nodes: Insufficient cpu",
        },
      ],
    });
    expect(h.kind === "failed" && h.error.code).toBe("RELAY_UNSCHEDULABLE");
    expect(h.kind === "failed" && h.error.message).toContain("Insufficient cpu");
  });

  it("reports a relay that ended", () => {
    const h = health({ phase: "Succeeded" });
    expect(h.kind === "failed" && h.error.code).toBe("RELAY_FAILED");
  });
});
