import { describe, expect, it } from "vitest";
import { statusObject } from "./status.ts";

describe("statusObject", () => {
  it("is a v1 Status failure with the API's reason for each code", () => {
    expect(statusObject(404, 'pods "x" not found', { name: "x", kind: "pods" })).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'pods "x" not found',
      reason: "NotFound",
      details: { name: "x", kind: "pods" },
      code: 404,
    });
    expect(statusObject(401, "Unauthorized").reason).toBe("Unauthorized");
    expect(statusObject(403, "forbidden").reason).toBe("Forbidden");
    expect(statusObject(410, "too old").reason).toBe("Expired");
    expect(statusObject(418, "?").reason).toBe("Unknown");
    expect(statusObject(400, "bad")).not.toHaveProperty("details");
  });
});
