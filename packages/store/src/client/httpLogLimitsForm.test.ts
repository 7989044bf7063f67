import { describe, expect, it } from "vitest";
import { httpLogLimitsFromConfig, httpLogLimitsPatch } from "./httpLogLimitsForm.ts";

describe("the HTTP log limits form", () => {
  it("shows unset limits as empty text and cleanup off", () => {
    expect(httpLogLimitsFromConfig({})).toEqual({
      http_logs_max_file_size: "",
      http_logs_retention_days: "",
      http_logs_auto_cleanup: false,
    });
    expect(
      httpLogLimitsFromConfig({
        http_logs_max_file_size: 2048,
        http_logs_retention_days: 3,
        http_logs_auto_cleanup: true,
      }),
    ).toEqual({
      http_logs_max_file_size: "2048",
      http_logs_retention_days: "3",
      http_logs_auto_cleanup: true,
    });
  });

  it("sends empty as null, whole numbers as numbers and other text as typed", () => {
    expect(
      httpLogLimitsPatch({
        http_logs_max_file_size: " 4096 ",
        http_logs_retention_days: "  ",
        http_logs_auto_cleanup: true,
      }),
    ).toEqual({
      http_logs_max_file_size: 4096,
      http_logs_retention_days: null,
      http_logs_auto_cleanup: true,
    });
    expect(
      httpLogLimitsPatch({
        http_logs_max_file_size: "-1",
        http_logs_retention_days: "a week",
        http_logs_auto_cleanup: false,
      }),
    ).toEqual({
      http_logs_max_file_size: -1,
      http_logs_retention_days: "a week",
      http_logs_auto_cleanup: false,
    });
  });
});
