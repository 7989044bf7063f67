import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkTokenFile, readTokenFile } from "./tokenFile.ts";

const dir = mkdtempSync(join(tmpdir(), "token-file-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("token files", () => {
  it("refuses a file others can read, naming its mode and the chmod to run", () => {
    const file = join(dir, "open");
    writeFileSync(file, "tok-unit-1");
    for (const mode of [0o644, 0o640, 0o604]) {
      chmodSync(file, mode);
      expect(() => checkTokenFile(file)).toThrow(
        expect.objectContaining({
          code: "GIT_TOKEN_FILE_NOT_PRIVATE",
          message: expect.stringContaining(`chmod 600 ${file}`),
        }),
      );
    }
  });

  it("takes a 0600 file and trims the token", () => {
    const file = join(dir, "private");
    writeFileSync(file, "tok-unit-2\n", { mode: 0o600 });
    expect(readTokenFile(checkTokenFile(file))).toBe("tok-unit-2");
  });

  it("a missing file: says which", () => {
    expect(() => checkTokenFile(join(dir, "nope"))).toThrow(
      expect.objectContaining({ code: "GIT_TOKEN_FILE_UNREADABLE" }),
    );
  });
});
