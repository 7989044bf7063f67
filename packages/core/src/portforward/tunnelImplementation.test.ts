import { afterEach, describe, expect, it } from "vitest";
import { tunnelImplementation } from "./podConnector.ts";

describe("tunnelImplementation", () => {
  const saved = process.env.FERRY_PORT_FORWARD;
  afterEach(() => {
    if (saved === undefined) delete process.env.FERRY_PORT_FORWARD;
    else process.env.FERRY_PORT_FORWARD = saved;
  });

  it("runs the lean code by default, for the tunnel and v4 alike", () => {
    delete process.env.FERRY_PORT_FORWARD;
    expect(tunnelImplementation("auto")).toBe("lean");
    expect(tunnelImplementation("v4")).toBe("lean");
    expect(tunnelImplementation(undefined)).toBe("lean");
  });

  it("keeps spdy-transport for one release, from the engine option or the daemon's environment", () => {
    expect(tunnelImplementation("spdy-transport")).toBe("spdy-transport");
    process.env.FERRY_PORT_FORWARD = "spdy-transport";
    expect(tunnelImplementation("auto")).toBe("spdy-transport");
    expect(tunnelImplementation("lean")).toBe("lean");
  });
});
