import { describe, expect, it } from "vitest";
import { browserUrl } from "./browserUrl.ts";

describe("browserUrl", () => {
  it("uses the scheme setting and the bound local end, brackets for IPv6", () => {
    expect(browserUrl("http", "127.0.0.1", 8080)).toBe("http://127.0.0.1:8080/");
    expect(browserUrl("https", "127.0.0.2", 8443)).toBe("https://127.0.0.2:8443/");
    expect(browserUrl("gopher", "::1", 80)).toBe("http://[::1]:80/");
    expect(browserUrl(null, "127.0.0.1", 80)).toBe("http://127.0.0.1:80/");
  });
});
