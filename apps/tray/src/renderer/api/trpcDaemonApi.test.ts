import { describe, expect, it } from "vitest";
import { toForwardEvent } from "./trpcDaemonApi.ts";

describe("toForwardEvent", () => {
  it("turns the daemon's status event into a status with its error text", () => {
    const event = toForwardEvent({
      type: "status",
      status: {
        id: 3,
        state: "error",
        error: { code: "PORT_IN_USE", message: "port 8080 is in use" },
        since: 42,
      },
    });
    expect(event).toEqual({
      id: 3,
      at: 42,
      kind: "status",
      message: "port 8080 is in use",
      status: { id: 3, state: "error", error: "port 8080 is in use" },
    });
  });

  it("keeps traffic counters for the chart and log lines for the events list", () => {
    expect(
      toForwardEvent({ type: "traffic", id: 1, bytesIn: 10, bytesOut: 20, connections: 2, at: 5 }),
    ).toMatchObject({ kind: "traffic", traffic: { bytesIn: 10, bytesOut: 20, connections: 2 } });
    expect(
      toForwardEvent({ type: "log", id: 1, level: "info", message: "pod web-1 chosen", at: 6 }),
    ).toEqual({
      id: 1,
      at: 6,
      kind: "log",
      message: "pod web-1 chosen",
    });
  });
});
