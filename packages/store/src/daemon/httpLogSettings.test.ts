import { defaultHttpLogSettings } from "@ferry/http-log";
import { describe, expect, it } from "vitest";
import { type Config, ConfigInputSchema } from "../schema/config.ts";
import { httpLogSettingsFor } from "./httpLogSettings.ts";

const config = (over: Partial<Config> = {}): Config => {
  const draft = ConfigInputSchema.parse({
    alias: "web",
    namespace: "webapp",
    workload_type: "service",
    service: "web",
    remote_port: 80,
    http_logs_enabled: true,
  });
  return { ...draft, id: 1, alias: "web", ...over };
};

describe("httpLogSettingsFor", () => {
  it("maps the kftray fields and the global settings onto HttpLogSettings", () => {
    const settings: Record<string, unknown> = {
      "http_logs.redact_headers": ["X-Secret"],
      "http_logs.body_cap": 1024,
      "http_logs.max_files": 2,
      "http_logs.redact_by_alias": { web: false, other: true },
    };
    const got = httpLogSettingsFor(
      config({
        http_logs_max_file_size: 4096,
        http_logs_retention_days: 3,
        http_logs_auto_cleanup: false,
      }),
      (k) => settings[k],
    );
    expect(got).toEqual({
      maxFileSize: 4096,
      retentionDays: 3,
      autoCleanup: false,
      bodyCap: 1024,
      maxFiles: 2,
      redactHeaders: ["X-Secret"],
      redact: false,
    });
  });

  it("gives the defaults when nothing is set, and null when logging is off or the forward is UDP", () => {
    expect(httpLogSettingsFor(config(), () => undefined)).toEqual(defaultHttpLogSettings);
    expect(httpLogSettingsFor(config({ http_logs_enabled: false }), () => undefined)).toBeNull();
    expect(httpLogSettingsFor(config({ protocol: "udp" }), () => undefined)).toBeNull();
  });

  it("a bad global setting is refused naming its key", () => {
    expect(() =>
      httpLogSettingsFor(config(), (k) => (k === "http_logs.body_cap" ? -1 : undefined)),
    ).toThrow(/^http_logs\.body_cap: HTTP log setting bodyCap must be/);
  });
});
