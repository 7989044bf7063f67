import { describe, expect, it } from "vitest";
import { useTempStores } from "./testHome.ts";

describe("kftray's http_logs_* fields (issue 17)", () => {
  const open = useTempStores();

  it("survive import and export unchanged; absent ones stay absent", () => {
    const file = `${JSON.stringify(
      [
        {
          alias: "web",
          namespace: "webapp",
          workload_type: "service",
          service: "frontend",
          protocol: "tcp",
          remote_port: 80,
          local_port: 8080,
          local_address: "127.0.0.1",
          domain_enabled: false,
          auto_start: false,
          http_logs_enabled: true,
          http_logs_max_file_size: 1048576,
          http_logs_retention_days: 3,
          http_logs_auto_cleanup: false,
        },
        {
          alias: "db",
          namespace: "webapp",
          workload_type: "service",
          service: "postgres",
          protocol: "tcp",
          remote_port: 5432,
          local_port: 5432,
          local_address: "127.0.0.1",
          domain_enabled: false,
          auto_start: false,
          http_logs_enabled: false,
        },
      ],
      null,
      2,
    )}\n`;
    const store = open();
    expect(store.import(file).warnings).toEqual([]);
    expect(store.export()).toBe(file);
    expect(store.get("web")).toMatchObject({
      http_logs_max_file_size: 1048576,
      http_logs_retention_days: 3,
      http_logs_auto_cleanup: false,
    });
    expect(store.get("db")).toMatchObject({
      http_logs_max_file_size: null,
      http_logs_retention_days: null,
      http_logs_auto_cleanup: null,
    });
    const again = open();
    again.import(store.export());
    expect(again.export()).toBe(file);
  });

  it("refuses a size or retention of 0 or less, naming the field", () => {
    const store = open();
    const base = { namespace: "webapp", workload_type: "service", service: "web", remote_port: 80 };
    expect(() => store.import(JSON.stringify({ ...base, http_logs_max_file_size: 0 }))).toThrow(
      /\[0\]\.http_logs_max_file_size: expected a whole number of bytes > 0, got 0/,
    );
    expect(() => store.import(JSON.stringify({ ...base, http_logs_retention_days: -1 }))).toThrow(
      /\[0\]\.http_logs_retention_days: expected a whole number of days > 0, got -1/,
    );
    expect(store.list()).toEqual([]);
  });
});
