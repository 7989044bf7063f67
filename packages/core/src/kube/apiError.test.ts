import { KubeConfig } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { apiError } from "./apiError.ts";
import type { Kube } from "./getKube.ts";

function kube(): Kube {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: "c", server: "https://127.0.0.1:1" }],
    users: [{ name: "u", token: "t" }],
    contexts: [{ name: "ctx", cluster: "c", user: "u" }],
    currentContext: "ctx",
  });
  return { kc, contextName: "ctx", server: "https://127.0.0.1:1" } as unknown as Kube;
}

describe("apiError", () => {
  it("reads a watch's 401 (client-node's Error with statusCode) as refused credentials", () => {
    const err = Object.assign(new Error("Unauthorized"), { statusCode: 401 });
    const e = apiError(err, kube(), "pods default/{app=web}");
    expect(e.code).toBe("FORBIDDEN");
    expect(e.message).toContain('context "ctx"');
    expect(e.message).not.toContain("cannot reach");
  });

  it("an error without a status is an unreachable cluster", () => {
    const e = apiError(new Error("ECONNREFUSED"), kube(), "pods");
    expect(e.code).toBe("CLUSTER_UNREACHABLE");
  });
});
