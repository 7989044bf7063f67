import { describe, expect, it } from "vitest";
import { queryBool, queryInt } from "./queryParams.ts";

describe("queryBool, as the API server converts booleans", () => {
  it.each([
    ["watch=1", true],
    ["watch=true", true],
    ["watch=True", true],
    ["watch=TRUE", true],
    ["watch=yes", true],
    ["watch=", true],
    ["watch=0", false],
    ["watch=false", false],
    ["watch=False", false],
    ["watch=FALSE", false],
    ["", false],
    ["other=1", false],
  ])("%s → %s", (query, want) => {
    expect(queryBool(new URLSearchParams(query), "watch")).toBe(want);
  });
});

describe("queryInt", () => {
  it("reads non-negative integers only", () => {
    expect(queryInt(new URLSearchParams("tailLines=10"), "tailLines")).toBe(10);
    expect(queryInt(new URLSearchParams("tailLines=0"), "tailLines")).toBe(0);
    expect(queryInt(new URLSearchParams("tailLines=-1"), "tailLines")).toBeUndefined();
    expect(queryInt(new URLSearchParams("tailLines=x"), "tailLines")).toBeUndefined();
    expect(queryInt(new URLSearchParams(""), "tailLines")).toBeUndefined();
  });
});
