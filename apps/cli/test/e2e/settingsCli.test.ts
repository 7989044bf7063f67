import { describe, expect, it } from "vitest";
import { ferry, useTempDirs } from "./configHarness.ts";

describe("ferry settings", () => {
  const home = useTempDirs();

  it("sets JSON values, reads them back, unsets them; bad JSON is a usage error", async () => {
    const h = home();
    const set = await ferry(h, ["settings", "set", "http_logs.max_files", "2"]);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toBe("http_logs.max_files = 2\n");
    await ferry(h, ["settings", "set", "http_logs.redact_by_alias", '{"web":false}']);
    expect(JSON.parse((await ferry(h, ["settings", "get", "http_logs.max_files"])).stdout)).toBe(2);
    expect(JSON.parse((await ferry(h, ["settings", "list"])).stdout)).toMatchObject({
      "http_logs.max_files": 2,
      "http_logs.redact_by_alias": { web: false },
    });
    expect((await ferry(h, ["settings", "unset", "http_logs.max_files"])).code).toBe(0);
    expect((await ferry(h, ["settings", "get", "http_logs.max_files"])).stdout).toBe("null\n");

    const bad = await ferry(h, ["settings", "set", "x", "[1,"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("not valid JSON");
    const badKey = await ferry(h, ["settings", "set", "Bad Key", "1"]);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/lowercase/);
  });
});
