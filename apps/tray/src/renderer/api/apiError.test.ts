import { describe, expect, it } from "vitest";
import { toApiError } from "./apiError.ts";

describe("toApiError", () => {
  it("maps the daemon's field issues onto form fields", () => {
    const err = {
      message: "2 problems",
      data: {
        code: "INVALID_CONFIG",
        issues: [
          { path: "[0].remote_port", message: "expected an integer 1-65535, got 0" },
          { path: ["service"], message: 'required when workload_type is "service"' },
        ],
      },
    };
    expect(toApiError(err)).toEqual({
      code: "INVALID_CONFIG",
      message: "2 problems",
      fields: {
        remote_port: "expected an integer 1-65535, got 0",
        service: 'required when workload_type is "service"',
      },
    });
  });

  it("keeps plain errors readable", () => {
    expect(toApiError(new Error("fetch failed"))).toMatchObject({
      message: "fetch failed",
      fields: {},
    });
    expect(toApiError("boom")).toMatchObject({ code: "ERROR", message: "boom" });
  });
});
