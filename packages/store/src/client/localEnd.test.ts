import { describe, expect, it } from "vitest";
import { localEndText, localPortOf } from "./localEnd.ts";

const web = { local_address: "127.0.0.1", local_port: 8080 as number | null, remote_port: 80 };

describe("the local end", () => {
  it("shows the bound port while active, else the configured one, else the remote one", () => {
    expect(localEndText({ ...web, local_address: "127.0.0.2", local_port: 9001 })).toBe(
      "127.0.0.2:9001",
    );
    expect(localEndText({ ...web, local_port: null })).toBe("127.0.0.1:80");
    expect(localEndText({ ...web, local_port: 0 })).toBe("127.0.0.1:auto");
    const running = { state: "running" as const, localPort: 41234 };
    expect(localEndText({ ...web, local_port: 0 }, running)).toBe("127.0.0.1:41234");
    expect(localPortOf(web, running)).toBe(41234);
  });

  it("ignores a port the row still names once the forward is not active", () => {
    expect(localPortOf(web, { state: "stopped", localPort: 41234 })).toBe(8080);
    expect(localPortOf(web, { state: "error", localPort: 41234 })).toBe(8080);
    expect(localPortOf(web, { state: "running", localPort: null })).toBe(8080);
  });
});
