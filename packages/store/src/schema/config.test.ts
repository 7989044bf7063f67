import type { ForwardConfig } from "@ferry/core";
import { describe, expect, expectTypeOf, it } from "vitest";
import { type Config, type ConfigDraft, ConfigInputSchema, defaultAlias } from "./config.ts";
import { formatIssues } from "./formatIssues.ts";

const base = {
  namespace: "webapp",
  workload_type: "service",
  service: "frontend",
  remote_port: 80,
};

function problems(input: unknown): string[] {
  const parsed = ConfigInputSchema.safeParse(input);
  if (parsed.success) return [];
  return formatIssues(parsed.error, 2).map((i) => `${i.path}: ${i.message}`);
}

describe("ConfigInputSchema", () => {
  it("fills defaults and turns empty strings into null", () => {
    const draft = ConfigInputSchema.parse({ ...base, context: "", target: "" });
    expect(draft).toMatchObject({
      alias: null,
      context: null,
      target: null,
      protocol: "tcp",
      local_port: null,
      local_address: "127.0.0.1",
      domain_enabled: false,
      auto_start: false,
      http_logs_enabled: false,
      group: null,
    });
  });

  it('accepts kftray\'s "true" strings for booleans', () => {
    expect(ConfigInputSchema.parse({ ...base, domain_enabled: "true" }).domain_enabled).toBe(true);
    expect(ConfigInputSchema.parse({ ...base, domain_enabled: "false" }).domain_enabled).toBe(
      false,
    );
  });

  it("names the entry, the field, the rule and the value", () => {
    expect(problems({ ...base, remote_port: "eighty" })).toEqual([
      '[2].remote_port: expected an integer 1-65535, got "eighty"',
    ]);
    expect(problems({ ...base, remote_port: 70000 })).toEqual([
      "[2].remote_port: expected an integer 1-65535, got 70000",
    ]);
    expect(problems({ ...base, local_port: -1 })[0]).toMatch(
      /^\[2\]\.local_port: expected an integer 0-65535/,
    );
  });

  it("refuses an unknown workload_type or protocol, listing the allowed ones", () => {
    expect(problems({ ...base, workload_type: "deployment" })).toEqual([
      '[2].workload_type: expected one of "service", "pod", "proxy", got "deployment"',
    ]);
    expect(problems({ ...base, protocol: "sctp" })).toEqual([
      '[2].protocol: expected one of "tcp", "udp", got "sctp"',
    ]);
  });

  it("requires the field each workload type points at", () => {
    expect(problems({ ...base, service: undefined })).toEqual([
      '[2].service: required when workload_type is "service"',
    ]);
    expect(problems({ ...base, workload_type: "pod" })).toEqual([
      '[2].target: required when workload_type is "pod"',
    ]);
    expect(problems({ ...base, workload_type: "proxy" })).toEqual([
      '[2].remote_address: required when workload_type is "proxy"',
    ]);
  });

  it("reports every missing required field", () => {
    expect(problems({})).toEqual(
      expect.arrayContaining([
        "[2].namespace: required",
        "[2].workload_type: required",
        "[2].remote_port: required",
      ]),
    );
  });

  it("refuses a local_address that is not an IP", () => {
    expect(problems({ ...base, local_address: "localhost" })).toEqual([
      '[2].local_address: expected an IP address such as 127.0.0.1, got "localhost"',
    ]);
    expect(problems({ ...base, local_address: "::1" })).toEqual([]);
  });

  it("refuses wrong types with the value it got", () => {
    expect(problems({ ...base, namespace: 5 })).toEqual([
      "[2].namespace: expected a namespace name, got 5",
    ]);
    expect(problems({ ...base, domain_enabled: "yes" })).toEqual([
      '[2].domain_enabled: expected true or false, got "yes"',
    ]);
  });

  it("derives kftray's default alias", () => {
    expect(
      defaultAlias({
        workload_type: "service",
        protocol: "udp",
        local_port: null,
        remote_port: 53,
      }),
    ).toBe("service-udp-53");
  });

  // Compile-time checks: `tsc` (the typecheck task) fails when the types drift apart.
  it("gives a Config type the engine accepts as a ForwardConfig", () => {
    expectTypeOf<Config>().toExtend<ForwardConfig>();
    expectTypeOf<ConfigDraft & { id: number; alias: string }>().toExtend<Config>();
    expectTypeOf<Config["workload_type"]>().toEqualTypeOf<"service" | "pod" | "proxy">();
  });
});
