import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BLOCK_BEGIN, BLOCK_END, withFerryBlock } from "./hostsBlock.ts";
import { HostsFile } from "./hostsFile.ts";

const USER_LINES = "127.0.0.1 localhost\n::1 localhost\n10.0.0.5 build-box # mine\n";

describe("withFerryBlock", () => {
  it("appends a block and keeps every other line as it was", () => {
    const out = withFerryBlock(USER_LINES, [{ address: "127.0.0.2", hostname: "auth-api" }]);
    expect(out).toBe(`${USER_LINES}${BLOCK_BEGIN}\n127.0.0.2 auth-api\n${BLOCK_END}\n`);
  });

  it("replaces an existing block and removes it when no entry is left", () => {
    const once = withFerryBlock(USER_LINES, [{ address: "127.0.0.1", hostname: "web" }]);
    const twice = withFerryBlock(once, [{ address: "127.0.0.3", hostname: "db" }]);
    expect(twice).not.toContain(" web");
    expect(twice).toContain("127.0.0.3 db");
    expect(withFerryBlock(twice, [])).toBe(USER_LINES);
  });
});

describe("HostsFile", () => {
  function tempHosts(): string {
    const path = join(mkdtempSync(join(tmpdir(), "ferry-hosts-")), "hosts");
    writeFileSync(path, USER_LINES);
    return path;
  }

  it("publishes and withdraws each forward's host name, concurrent calls included", async () => {
    const path = tempHosts();
    const hosts = new HostsFile(path);
    await Promise.all([
      hosts.add(1, { address: "127.0.0.1", hostname: "web-frontend-svc" }),
      hosts.add(2, { address: "127.0.0.2", hostname: "auth-api-pod" }),
    ]);
    const text = readFileSync(path, "utf8");
    expect(text).toContain("127.0.0.1 web-frontend-svc\n");
    expect(text).toContain("127.0.0.2 auth-api-pod\n");
    await hosts.remove(1);
    expect(readFileSync(path, "utf8")).not.toContain("web-frontend-svc");
    await hosts.clear();
    expect(readFileSync(path, "utf8")).toBe(USER_LINES);
  });

  it("refuses a host name that a resolver would not accept", async () => {
    const hosts = new HostsFile(tempHosts());
    await expect(hosts.add(1, { address: "127.0.0.1", hostname: "bad name!" })).rejects.toThrow(
      /not a valid host name/,
    );
  });

  it("names the file and the way out when it cannot be written", async () => {
    const notADir = tempHosts();
    const hosts = new HostsFile(join(notADir, "hosts"));
    await expect(hosts.add(1, { address: "127.0.0.1", hostname: "web" })).rejects.toThrow(
      `cannot update ${notADir}/hosts (ENOTDIR)`,
    );
  });
});
