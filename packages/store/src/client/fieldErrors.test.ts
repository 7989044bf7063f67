import { describe, expect, it } from "vitest";
import { fieldErrors, issueField } from "./fieldErrors.ts";

describe("fieldErrors", () => {
  it("names the field of each issue path form the daemon and zod produce", () => {
    expect(issueField("[2].remote_port")).toBe("remote_port");
    expect(issueField(["remote_port"])).toBe("remote_port");
    expect(issueField("[0]")).toBeNull();
  });

  it("keeps the first message per field and ignores non-arrays", () => {
    expect(
      fieldErrors([
        { path: "local_port", message: "taken" },
        { path: "local_port", message: "second" },
        { path: "[1].namespace", message: "required" },
      ]),
    ).toEqual({ local_port: "taken", namespace: "required" });
    expect(fieldErrors(undefined)).toEqual({});
  });
});
