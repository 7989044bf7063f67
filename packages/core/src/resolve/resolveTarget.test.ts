import type { V1Pod, V1Service } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { containerPort, isPodReady } from "./podReadiness.ts";
import { selectorString, servicePortToTarget } from "./resolveTarget.ts";

const svc: V1Service = {
  spec: {
    selector: { app: "web", tier: "fe" },
    ports: [
      { name: "http", port: 80, targetPort: "http" as never },
      { name: "echo", port: 9000, targetPort: 9000 as never },
      { name: "plain", port: 7000 },
      { name: "dns", port: 53, protocol: "UDP", targetPort: 5353 as never },
    ],
  },
};

describe("servicePortToTarget", () => {
  it("maps a service port to its named or numbered targetPort, or to itself", () => {
    expect(servicePortToTarget(svc, 80).port).toBe("http");
    expect(servicePortToTarget(svc, 9000).port).toBe(9000);
    expect(servicePortToTarget(svc, 7000).port).toBe(7000);
  });
  it("takes a number no TCP service port has as a container port", () => {
    expect(servicePortToTarget(svc, 8080)).toMatchObject({
      port: 8080,
      via: expect.stringContaining("container port"),
    });
    expect(servicePortToTarget(svc, 53).port).toBe(53);
  });
  it("writes selectors in the API's form", () => {
    expect(selectorString({ app: "web", tier: "fe" })).toBe("app=web,tier=fe");
  });
});

const pod = (over: Partial<V1Pod["status"]> = {}, deleting = false): V1Pod => ({
  metadata: { name: "p", ...(deleting ? { deletionTimestamp: new Date() } : {}) },
  spec: { containers: [{ name: "c", ports: [{ name: "http", containerPort: 8080 }] }] },
  status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }], ...over },
});

describe("pods", () => {
  it("is Ready only when Running, Ready=True and not terminating", () => {
    expect(isPodReady(pod())).toBe(true);
    expect(isPodReady(pod({ phase: "Pending" }))).toBe(false);
    expect(isPodReady(pod({ conditions: [{ type: "Ready", status: "False" }] }))).toBe(false);
    expect(isPodReady(pod({}, true))).toBe(false);
  });
  it("looks named ports up in the containers", () => {
    expect(containerPort(pod(), "http")).toBe(8080);
    expect(containerPort(pod(), "grpc")).toBeNull();
    expect(containerPort(pod(), 1234)).toBe(1234);
  });
});
