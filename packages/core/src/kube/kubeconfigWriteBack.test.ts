import {
  chmodSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeBackOidcTokens } from "./kubeconfigWriteBack.ts";

const KUBECONFIG = `# written by hand, keep me
apiVersion: v1
kind: Config
users:
  - name: other
    user:
      auth-provider:
        name: oidc
        config: { client-id: x, id-token: other-id, refresh-token: other-rt }
  - name: alice # the OIDC one
    user:
      auth-provider:
        name: oidc
        config:
          client-id: ferry
          idp-issuer-url: https://issuer.example
          id-token: old-id
          refresh-token: old-rt
clusters: []
contexts: []
current-context: ""
`;

function kubeconfig(mode = 0o600): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), "ferry-writeback-"));
  const file = join(dir, "config");
  writeFileSync(file, KUBECONFIG);
  chmodSync(file, mode);
  return { dir, file };
}

// As long as a real JWT: longer than a line, which must not fold.
const fresh = { idToken: `new-id.${"x".repeat(400)}`, refreshToken: "new-rt" };

describe("writeBackOidcTokens", () => {
  it("changes only that user's two tokens, keeps comments, order and the mode, leaves no temp file", () => {
    const { dir, file } = kubeconfig(0o640);
    writeBackOidcTokens(file, "alice", fresh, "old-id");
    const text = readFileSync(file, "utf8");
    expect(text).toBe(
      KUBECONFIG.replace("id-token: old-id", `id-token: ${fresh.idToken}`).replace(
        "refresh-token: old-rt",
        "refresh-token: new-rt",
      ),
    );
    expect(statSync(file).mode & 0o7777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["config"]);
  });

  it("a user written as JSON (flow style) keeps its one line, the long token not folded", () => {
    const { file } = kubeconfig();
    const json = `users:\n  - name: alice\n    user: {"auth-provider": {"name": "oidc", "config": {"id-token": "old-id", "refresh-token": "old-rt"}}}\n`;
    writeFileSync(file, json);
    writeBackOidcTokens(file, "alice", fresh, "old-id");
    const lines = readFileSync(file, "utf8").split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(`"id-token": "${fresh.idToken}"`);
    expect(lines[2]).toContain('"refresh-token": "new-rt"');
  });

  it("keeps the refresh token when the grant brought none", () => {
    const { file } = kubeconfig();
    writeBackOidcTokens(file, "alice", { idToken: "new-id", refreshToken: undefined }, "old-id");
    const text = readFileSync(file, "utf8");
    expect(text).toContain("id-token: new-id");
    expect(text).toContain("refresh-token: old-rt");
  });

  it("writes through a symlink into the real file", () => {
    const { dir, file } = kubeconfig();
    const link = join(dir, "link");
    symlinkSync(file, link);
    writeBackOidcTokens(link, "alice", fresh, "old-id");
    expect(readFileSync(file, "utf8")).toContain(`id-token: ${fresh.idToken}`);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
  });

  it("refuses, naming the file and never a token, when it cannot or should not write", () => {
    const cases: Array<[string, () => string, RegExp]> = [
      [
        "read-only",
        () => {
          const { file } = kubeconfig(0o400);
          return file;
        },
        /is read-only/,
      ],
      ["gone", () => join(mkdtempSync(join(tmpdir(), "ferry-writeback-")), "gone"), /ENOENT/],
      [
        "logged in again",
        () => {
          const { file } = kubeconfig();
          writeFileSync(file, KUBECONFIG.replace("old-id", "newer-login-id"));
          return file;
        },
        /holds other tokens/,
      ],
    ];
    for (const [what, make, why] of cases) {
      const file = make();
      const before = (() => {
        try {
          return readFileSync(file, "utf8");
        } catch {
          return null;
        }
      })();
      let err: (Error & { code?: string }) | undefined;
      try {
        writeBackOidcTokens(file, "alice", fresh, "old-id");
      } catch (e) {
        err = e as Error & { code?: string };
      }
      expect(err?.code, what).toBe("KUBECONFIG_UNWRITABLE");
      expect(err?.message, what).toMatch(why);
      expect(err?.message).toContain(file);
      for (const secret of ["old-id", "old-rt", fresh.idToken, "new-rt", "newer-login-id"]) {
        expect(err?.message).not.toContain(secret);
      }
      if (before !== null) expect(readFileSync(file, "utf8"), what).toBe(before);
    }
  });

  it("a user the file no longer defines is an error, the file unchanged", () => {
    const { file } = kubeconfig();
    expect(() => writeBackOidcTokens(file, "bob", fresh, "old-id")).toThrow(
      /no longer defines user "bob"/,
    );
    expect(readFileSync(file, "utf8")).toBe(KUBECONFIG);
  });
});
