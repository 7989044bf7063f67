import { describe, expect, it } from "vitest";
import { ferryErrorOf } from "../../src/client/index.ts";
import { clientFor, useDaemons, waitForDaemon } from "./daemonHarness.ts";

const daemons = useDaemons();

describe("HTTP logs through ferryd (issue 17)", () => {
  it("refuses logging on a UDP forward and a size or retention of 0 or less, naming the field; nothing changes", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    await waitForDaemon(home);
    const ferry = clientFor(home);
    await ferry.configs.create.mutate({
      alias: "dns",
      namespace: "kube-system",
      workload_type: "service",
      service: "kube-dns",
      protocol: "udp",
      remote_port: 53,
    });
    await ferry.configs.create.mutate({
      alias: "web",
      namespace: "webapp",
      workload_type: "service",
      service: "frontend-service",
      remote_port: 80,
      http_logs_max_file_size: 2048,
    });
    const before = await ferry.configs.export.query();

    const udp = await ferry.configs.update
      .mutate({ id: "dns", patch: { http_logs_enabled: true } })
      .catch(ferryErrorOf);
    expect(udp).toMatchObject({ code: "HTTP_LOG_UNSUPPORTED" });
    expect((udp as Error).message).toContain("HTTP logs need a TCP forward");

    for (const [field, value] of [
      ["http_logs_max_file_size", 0],
      ["http_logs_max_file_size", -5],
      ["http_logs_retention_days", 0],
    ] as const) {
      const err = await ferry.configs.update
        .mutate({ id: "web", patch: { http_logs_enabled: true, [field]: value } })
        .catch(ferryErrorOf);
      expect(err, `${field}=${value}`).toMatchObject({ code: "HTTP_LOG_INVALID_SETTING" });
      expect((err as { fields: Record<string, string> }).fields[field]).toMatch(/> 0/);
    }
    // A global setting that cannot make a log is refused by name too.
    await ferry.settings.set.mutate({ key: "http_logs.body_cap", value: -1 });
    const cap = await ferry.configs.update
      .mutate({ id: "web", patch: { http_logs_enabled: true } })
      .catch(ferryErrorOf);
    expect(cap).toMatchObject({ code: "HTTP_LOG_INVALID_SETTING" });
    expect((cap as Error).message).toMatch(/^http_logs\.body_cap: /);
    expect(await ferry.configs.export.query()).toBe(before);

    expect(await ferry.logs.http.query({ ref: "web" })).toEqual([]);
    expect(await ferry.logs.file.query({ ref: "web" })).toEqual({ path: null });
    const trace = await ferry.logs.curl.query({ ref: "web", traceId: "nope" }).catch(ferryErrorOf);
    expect(trace).toMatchObject({ code: "TRACE_NOT_FOUND" });
  });
});
