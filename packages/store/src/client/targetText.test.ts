import { describe, expect, it } from "vitest";
import { localText, targetText } from "./targetText.ts";

const base = { service: null, target: null, remote_address: null, protocol: "tcp" as const };

describe("targetText", () => {
  it("prints each workload one way, with /udp for UDP", () => {
    expect(targetText({ ...base, workload_type: "service", service: "web", remote_port: 80 })).toBe(
      "svc/web:80",
    );
    expect(
      targetText({ ...base, workload_type: "pod", target: "app=auth", remote_port: 8080 }),
    ).toBe("pod/app=auth:8080");
    expect(
      targetText({
        ...base,
        workload_type: "proxy",
        remote_address: "db.internal",
        remote_port: 53,
        protocol: "udp",
      }),
    ).toBe("proxy/db.internal:53/udp");
  });

  it("prints the local end, `auto` for a port the OS has not picked yet", () => {
    expect(localText({ localAddress: "127.0.0.1", localPort: 8080 })).toBe("127.0.0.1:8080");
    expect(localText({ localAddress: "127.0.0.2", localPort: 0 })).toBe("127.0.0.2:auto");
  });
});
