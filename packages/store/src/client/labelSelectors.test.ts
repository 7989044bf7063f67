import { describe, expect, it } from "vitest";
import { labelSelectors } from "./labelSelectors.ts";

describe("label selectors", () => {
  it("lists each pod label as k=v, once, sorted", () => {
    const pods: { labels: Record<string, string> }[] = [
      { labels: { app: "web", tier: "front" } },
      { labels: { app: "auth" } },
      { labels: { tier: "front", app: "web" } },
    ];
    expect(labelSelectors(pods)).toEqual(["app=auth", "app=web", "tier=front"]);
  });

  it("is empty without pods or labels", () => {
    expect(labelSelectors([])).toEqual([]);
    expect(labelSelectors([{ labels: {} }])).toEqual([]);
  });
});
