import { describe, expect, it } from "vitest";
import type { DiscoveredObject } from "./discoveryTypes.ts";
import { gatherCandidates, type ScanContext } from "./gatherCandidates.ts";

const svc = (name: string, annotations: Record<string, string> = {}): DiscoveredObject => ({
  kind: "Service",
  namespace: "webapp",
  name,
  annotations,
  ports: [{ name: "http", port: 80, protocol: "tcp" }],
  selector: null,
});

const scanOf =
  (objects: DiscoveredObject[], failing: string[] = []): ScanContext =>
  async (target) => {
    if (failing.includes(target.context ?? "")) throw new Error("connect ECONNREFUSED");
    return {
      context: target.context ?? "current",
      objects,
      scanned: [
        {
          context: target.context ?? "current",
          namespace: "webapp",
          allServices: !!target.allServices,
        },
      ],
      problems: [],
      notes: [],
    };
  };

describe("gatherCandidates", () => {
  it("takes unannotated Services only with allServices, marked as such", async () => {
    const objects = [svc("front", { "kftray.app/configs": "web-8080-http" }), svc("catalog")];
    const plain = await gatherCandidates({ namespace: "webapp" }, scanOf(objects));
    expect(plain.candidates.map((c) => c.draft.alias)).toEqual(["web"]);
    const all = await gatherCandidates({ namespace: "webapp", allServices: true }, scanOf(objects));
    expect(all.candidates.map((c) => [c.draft.alias, c.origin.annotation])).toEqual([
      ["web", "kftray.app/configs"],
      ["catalog", "(all services)"],
    ]);
  });

  it("makes an unreachable context one problem among several, and fails when it is the only one", async () => {
    const scan = scanOf([svc("front", { "kftray.app/enabled": "true" })], ["down"]);
    const several = await gatherCandidates({ contexts: ["up", "down"] }, scan);
    expect(several.candidates.map((c) => c.origin.context)).toEqual(["up"]);
    expect(several.problems).toEqual([
      expect.objectContaining({
        context: "down",
        message: "context down: connect ECONNREFUSED; skipped",
      }),
    ]);
    await expect(gatherCandidates({ contexts: ["down"] }, scan)).rejects.toThrow("ECONNREFUSED");
  });
});
