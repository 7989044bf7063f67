import { describe, expect, it } from "vitest";
import { lastConnectFailure } from "./relayConnectFailures.ts";

describe("lastConnectFailure", () => {
  it("quotes the newest connect-failure line of the relay's log", () => {
    const log = [
      "relay listening on 0.0.0.0:8080 (tcp -> db:5432)",
      "ferry-relay: connect db:5432 failed: ENOTFOUND getaddrinfo ENOTFOUND db",
      "conn 3 connected to db:5432",
      "ferry-relay: connect db:5432 failed: ECONNREFUSED connect ECONNREFUSED 10.0.0.4:5432",
      "",
    ].join("\n");
    expect(lastConnectFailure(log)).toBe(
      "ferry-relay: connect db:5432 failed: ECONNREFUSED connect ECONNREFUSED 10.0.0.4:5432",
    );
  });

  it("is null for a log without one", () => {
    expect(lastConnectFailure("relay listening on 0.0.0.0:8080\n")).toBeNull();
  });
});
