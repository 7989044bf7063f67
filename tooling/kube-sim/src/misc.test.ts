import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { parseResp } from "./backends.ts";
import { kubeconfigYaml } from "./kubeconfig.ts";
import { resolveTargetPort } from "./podObject.ts";
import { parsePorts } from "./portforward.ts";
import { wantsTable } from "./tables.ts";

describe("small pieces", () => {
  it("parses RESP arrays and inline commands, and waits for incomplete input", () => {
    expect(parseResp("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")).toEqual({ args: ["GET", "k"], used: 20 });
    expect(parseResp("PING\r\n")).toEqual({ args: ["PING"], used: 6 });
    expect(parseResp("*2\r\n$3\r\nGET\r\n")).toBeUndefined();
  });
  it("resolves numeric and named targetPorts", () => {
    const pod = {
      metadata: { name: "p" },
      spec: { containers: [{ ports: [{ name: "http", containerPort: 8080 }] }] },
    };
    expect(resolveTargetPort(pod, "http")).toBe(8080);
    expect(resolveTargetPort(pod, 9000)).toBe(9000);
    expect(resolveTargetPort(pod, "9000")).toBe(9000);
    expect(resolveTargetPort(pod, "nope")).toBeUndefined();
  });
  it("requires and validates ports", () => {
    expect(parsePorts(new URLSearchParams(""))).toMatch(/required/);
    expect(parsePorts(new URLSearchParams("ports=80,9000"))).toEqual([80, 9000]);
    expect(parsePorts(new URLSearchParams("ports=80&ports=81"))).toEqual([80, 81]);
    expect(parsePorts(new URLSearchParams("ports=x"))).toMatch(/invalid/);
  });
  it("writes the three sim contexts plus extras", () => {
    const doc = YAML.parse(
      kubeconfigYaml({
        server: "https://127.0.0.1:1",
        downServer: "https://127.0.0.1:2",
        caPem: "x",
        auth: { token: "t" },
        extraContexts: ["dev-cluster"],
      }),
    );
    expect(doc.contexts.map((c: { name: string }) => c.name)).toEqual([
      "sim",
      "sim-other",
      "sim-down",
      "dev-cluster",
    ]);
    expect(doc.contexts[1].context.namespace).toBe("other");
    expect(doc.users[0].user.token).toBe("t");
  });
  it("detects kubectl's Table Accept header", () => {
    expect(wantsTable("application/json;as=Table;v=v1;g=meta.k8s.io,application/json")).toBe(true);
    expect(wantsTable("application/json")).toBe(false);
  });
});
