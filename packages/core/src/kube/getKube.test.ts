import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getKube } from "./getKube.ts";

const dir = mkdtempSync(join(tmpdir(), "ferry-kube-"));

function kubeconfig(name: string, contexts: string[], current: string): string {
  const file = join(dir, name);
  const yaml = [
    "apiVersion: v1",
    "kind: Config",
    `current-context: ${current}`,
    "clusters:",
    ...contexts.flatMap((c) => [
      `- name: ${c}-cluster`,
      "  cluster:",
      `    server: https://127.0.0.1:1/${c}`,
    ]),
    "users:",
    "- name: u",
    "  user:",
    "    token: t",
    "contexts:",
    ...contexts.flatMap((c) => [
      `- name: ${c}`,
      "  context:",
      `    cluster: ${c}-cluster`,
      "    user: u",
    ]),
  ].join("\n");
  writeFileSync(file, yaml);
  return file;
}

describe("getKube", () => {
  it("uses the current context for null/@current and reuses one client per (kubeconfig, context)", () => {
    const f = kubeconfig("a", ["one", "two"], "two");
    const k = getKube({ kubeconfig: f, context: null });
    expect(k.contextName).toBe("two");
    expect(getKube({ kubeconfig: f, context: null })).toBe(k);
    expect(getKube({ kubeconfig: f, context: "@current" }).contextName).toBe("two");
    expect(getKube({ kubeconfig: f, context: "one" }).server).toBe("https://127.0.0.1:1/one");
  });
  it("merges ':'-joined files, the first file's current context winning", () => {
    const a = kubeconfig("m1", ["alpha"], "alpha");
    const b = kubeconfig("m2", ["beta"], "beta");
    const k = getKube({ kubeconfig: `${a}:${b}`, context: null });
    expect(k.contextName).toBe("alpha");
    expect(getKube({ kubeconfig: `${a}:${b}`, context: "beta" }).server).toContain("/beta");
  });
  it("an unknown context is UNKNOWN_CONTEXT naming it, the file and the known ones", () => {
    const f = kubeconfig("b", ["one"], "one");
    expect(() => getKube({ kubeconfig: f, context: "nope" })).toThrow(
      expect.objectContaining({
        code: "UNKNOWN_CONTEXT",
        message: expect.stringMatching(/"nope".*b.*one/),
      }),
    );
  });
  it("a missing or broken file is KUBECONFIG_UNREADABLE", () => {
    expect(() => getKube({ kubeconfig: join(dir, "missing"), context: null })).toThrow(
      expect.objectContaining({ code: "KUBECONFIG_UNREADABLE" }),
    );
    const bad = join(dir, "bad");
    writeFileSync(bad, ": : [");
    expect(() => getKube({ kubeconfig: bad, context: null })).toThrow(
      expect.objectContaining({ code: "KUBECONFIG_UNREADABLE" }),
    );
  });
  it("reloads a kubeconfig edited on disk", () => {
    const f = kubeconfig("edit", ["one"], "one");
    const before = getKube({ kubeconfig: f, context: null });
    expect(getKube({ kubeconfig: f, context: null })).toBe(before);
    kubeconfig("edit", ["one", "added"], "added");
    const after = getKube({ kubeconfig: f, context: null });
    expect(after).not.toBe(before);
    expect(after.contextName).toBe("added");
  });
});
