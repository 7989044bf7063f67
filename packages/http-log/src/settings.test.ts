import { describe, expect, it } from "vitest";
import { HttpLogError } from "./httpLogError.ts";
import { checkHttpLogSettings, defaultHttpLogSettings } from "./settings.ts";

function refusal(s: object): HttpLogError {
  try {
    checkHttpLogSettings(s);
  } catch (err) {
    if (err instanceof HttpLogError) return err;
    throw err;
  }
  throw new Error("accepted");
}

describe("checkHttpLogSettings", () => {
  it("fills the defaults", () => {
    expect(checkHttpLogSettings({})).toEqual(defaultHttpLogSettings);
    expect(defaultHttpLogSettings).toMatchObject({
      maxFileSize: 10485760,
      maxFiles: 5,
      retentionDays: 7,
      bodyCap: 65536,
      redact: true,
    });
    expect(checkHttpLogSettings({ maxFileSize: 2048, redact: false })).toMatchObject({
      maxFileSize: 2048,
      redact: false,
      maxFiles: 5,
    });
  });

  it.each([
    [{ maxFileSize: 0 }, "maxFileSize"],
    [{ maxFileSize: -5 }, "maxFileSize"],
    [{ retentionDays: 0 }, "retentionDays"],
    [{ retentionDays: -1 }, "retentionDays"],
    [{ maxFiles: 1.5 }, "maxFiles"],
    [{ bodyCap: -1 }, "bodyCap"],
    [{ maxFileSize: Number.NaN }, "maxFileSize"],
    [{ redact: "yes" }, "redact"],
    [{ redactHeaders: ["Authorization", ""] }, "redactHeaders"],
  ])("refuses %o naming %s", (input, field) => {
    const err = refusal(input);
    expect(err.code).toBe("HTTP_LOG_INVALID_SETTING");
    expect(err.message).toContain(`setting ${field} `);
  });
});
