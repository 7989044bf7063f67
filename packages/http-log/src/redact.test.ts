import { describe, expect, it } from "vitest";
import { nameMatcher, REDACTED, redactHeaders, redactUrl } from "./redact.ts";
import { defaultHttpLogSettings } from "./settings.ts";

const m = nameMatcher(defaultHttpLogSettings.redactHeaders);

describe("redaction", () => {
  it("matches the default names and globs, ignoring case and separators", () => {
    const yes = [
      "authorization",
      "Proxy-Authorization",
      "COOKIE",
      "set-cookie",
      "X-Auth-Token",
      "x_refresh_token",
      "Client-Secret",
      "X-API-Key",
      "apikey",
      "x_api_key",
    ];
    const no = ["Content-Type", "Host", "Accept", "X-Request-Id", "Cookies-Enabled-Hint"];
    expect(yes.filter((n) => !m(n))).toEqual([]);
    expect(no.filter((n) => m(n))).toEqual([]);
  });

  it("redacts header values and leaves names and other values", () => {
    expect(
      redactHeaders(
        [
          ["Authorization", "Bearer s3cr3t"],
          ["Accept", "*/*"],
        ],
        m,
      ),
    ).toEqual([
      ["Authorization", REDACTED],
      ["Accept", "*/*"],
    ]);
    expect(redactHeaders([["Authorization", "Bearer s3cr3t"]], null)).toEqual([
      ["Authorization", "Bearer s3cr3t"],
    ]);
  });

  it("redacts matching query values and userinfo in the request target", () => {
    expect(redactUrl("/cb?code=1&access_token=abc&API_KEY=k&page=2#frag", m)).toBe(
      `/cb?code=1&access_token=${REDACTED}&API_KEY=${REDACTED}&page=2#frag`,
    );
    expect(redactUrl("http://bob:pw@example.com/x?q=1", m)).toBe(
      `http://${REDACTED}@example.com/x?q=1`,
    );
    expect(redactUrl("/plain/path", m)).toBe("/plain/path");
    expect(redactUrl("/cb?token=abc", null)).toBe("/cb?token=abc");
  });

  it("takes a custom list", () => {
    const custom = nameMatcher(["X-Tenant", "*session*"]);
    expect([custom("x-tenant"), custom("My-Session-Id"), custom("Authorization")]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
