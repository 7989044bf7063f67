import { describe, expect, it } from "vitest";
import { exchangePath } from "./exchangePath.ts";

describe("an exchange's path", () => {
  it("reads a request target as well as an absolute URL, query kept", () => {
    expect(exchangePath("/a/b?c=d")).toBe("/a/b?c=d");
    expect(exchangePath("http://h:1/x")).toBe("/x");
    expect(exchangePath("http://127.0.0.1:8080/orders?id=7")).toBe("/orders?id=7");
  });

  it("gives back what is not a URL at all", () => {
    expect(exchangePath("http://[bad")).toBe("http://[bad");
  });
});
