import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isCurrentContext, kubeconfigPaths } from "./kubeconfigPaths.ts";

const home = "/home/u";

describe("kubeconfigPaths", () => {
  it("null, empty and default mean $KUBECONFIG, else ~/.kube/config", () => {
    expect(kubeconfigPaths(null, {}, home)).toEqual([join(home, ".kube", "config")]);
    expect(kubeconfigPaths("default", {}, home)).toEqual([join(home, ".kube", "config")]);
    expect(kubeconfigPaths("", { KUBECONFIG: "/a:/b" }, home)).toEqual(["/a", "/b"]);
  });
  it("expands ~ and splits ':'-joined paths, dropping empty parts", () => {
    expect(kubeconfigPaths("~/k1:~/.kube/k2::/abs", {}, home)).toEqual([
      "/home/u/k1",
      "/home/u/.kube/k2",
      "/abs",
    ]);
    expect(kubeconfigPaths("~", {}, home)).toEqual([home]);
  });
  it("an explicit path ignores $KUBECONFIG", () => {
    expect(kubeconfigPaths("/x", { KUBECONFIG: "/y" }, home)).toEqual(["/x"]);
  });
});

describe("isCurrentContext", () => {
  it("null, '' and @current mean the current context", () => {
    expect(isCurrentContext(null)).toBe(true);
    expect(isCurrentContext("")).toBe(true);
    expect(isCurrentContext("@current")).toBe(true);
    expect(isCurrentContext("prod")).toBe(false);
  });
});
