import { describe, expect, it } from "vitest";
import { matchesSelector, parseFieldSelector, parseLabelSelector } from "./selectors.ts";

describe("label selectors", () => {
  const l = { app: "web", tier: "front" };
  it.each([
    ["app=web", true],
    ["app==web", true],
    ["app!=web", false],
    ["app=web,tier=front", true],
    ["app=web,tier=back", false],
    ["tier in (front, back)", true],
    ["tier notin (front)", false],
    ["app", true],
    ["!app", false],
    ["missing", false],
    ["", true],
  ])("%s → %s", (sel, want) => {
    expect(parseLabelSelector(sel)(l)).toBe(want);
  });
  it("a service selector never matches when empty", () => {
    expect(matchesSelector({}, l)).toBe(false);
    expect(matchesSelector({ app: "web" }, l)).toBe(true);
  });
});

describe("field selectors", () => {
  const pod = { metadata: { name: "a", namespace: "ns" }, status: { phase: "Running" } };
  it("matches metadata.name and status.phase", () => {
    expect(parseFieldSelector("metadata.name=a")(pod)).toBe(true);
    expect(parseFieldSelector("metadata.name=b")(pod)).toBe(false);
    expect(parseFieldSelector("status.phase!=Failed,metadata.namespace=ns")(pod)).toBe(true);
  });
});
