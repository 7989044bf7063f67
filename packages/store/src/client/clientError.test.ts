import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";
import { FerryClientError, ferryErrorOf, isUnreachable } from "./clientError.ts";

describe("ferryErrorOf", () => {
  it("reads the code and issues where the daemon puts them (data.ferryCode, data.issues)", () => {
    // The shape api/trpc.ts's errorFormatter sends; sharedClient.test.ts checks it end to end.
    const err = TRPCClientError.from({
      error: {
        message: "invalid config:\n  remote_port: expected an integer 1-65535, got 0",
        code: -32600,
        data: {
          code: "BAD_REQUEST",
          httpStatus: 400,
          ferryCode: "INVALID_CONFIG",
          issues: [{ path: "remote_port", message: "expected an integer 1-65535, got 0" }],
        },
      },
    });
    const e = ferryErrorOf(err);
    expect(e).toBeInstanceOf(FerryClientError);
    expect(e).toMatchObject({
      code: "INVALID_CONFIG",
      fields: { remote_port: "expected an integer 1-65535, got 0" },
    });
  });

  it("keeps the code of coded errors and names a refused connection", () => {
    expect(ferryErrorOf(Object.assign(new Error("no"), { code: "DAEMON_NOT_RUNNING" })).code).toBe(
      "DAEMON_NOT_RUNNING",
    );
    const refused = ferryErrorOf(new TypeError("fetch failed"));
    expect(refused.code).toBe("DAEMON_UNREACHABLE");
    expect(isUnreachable(refused)).toBe(true);
    expect(ferryErrorOf("boom")).toMatchObject({ code: "ERROR", message: "boom", fields: {} });
  });
});
