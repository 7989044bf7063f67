// Scenario: what the sim cluster holds. `test` and `demo` are built in; any object of this shape
// (or a YAML/JSON file holding one) works too.
import { readFileSync } from "node:fs";
import YAML from "yaml";
import type { DenyRule } from "./access.ts";
import type { FaultRules } from "./podFaults.ts";

/** What answers behind a container port: a built-in server or any `host:port`. */
export type BackendKind = "http" | "tcp-echo" | "greeter" | "udp-echo" | "bulk" | "dns" | "redis";
export type BackendSpec = BackendKind | { forward: string };

export type ContainerPortSpec = {
  name?: string;
  containerPort: number;
  protocol?: "TCP" | "UDP";
  backend: BackendSpec;
};

export type WorkloadSpec = {
  name: string;
  namespace: string;
  replicas?: number;
  /** Pod labels; default `{ app: name }`. */
  labels?: Record<string, string>;
  ports: ContainerPortSpec[];
  image?: string;
  /** The workload object's kind: Deployment (default; pods `<name>-<hash>-<rand>`) or StatefulSet (pods `<name>-<i>`). */
  kind?: "Deployment" | "StatefulSet";
  /** On the Deployment/StatefulSet object (e.g. `kftray.app/configs`, `ferry.dev/forwards`). */
  annotations?: Record<string, string>;
};

export type ServicePortSpec = {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: "TCP" | "UDP";
};

export type ServiceSpec = {
  name: string;
  namespace: string;
  selector: Record<string, string>;
  ports: ServicePortSpec[];
  clusterIP?: string;
  annotations?: Record<string, string>;
};

/** A host outside the cluster that relay pods can reach by name. */
export type ExternalSpec = { host: string; port: number; backend: BackendSpec };

export type Scenario = {
  namespaces?: string[];
  workloads?: WorkloadSpec[];
  services?: ServiceSpec[];
  externals?: ExternalSpec[];
  /**
   * Images whose entrypoint is the relay program: a relay pod (Ferry's labels) with no `command`
   * on such an image runs the relay bundle. Default /ferry-relay|kftray-server/.
   */
  relayImagePattern?: string;
  /** Image pulls that fail, namespaces where nothing schedules. */
  faults?: FaultRules;
  /** What the sim's user may not do (403, and SelfSubjectAccessReview says no). */
  deny?: DenyRule[];
  /** Extra kubeconfig context names pointing at the sim (the demo adds dev/prod-cluster). */
  extraContexts?: string[];
};

export const testScenario: Scenario = {
  namespaces: ["default", "other"],
  workloads: [
    {
      name: "web",
      namespace: "default",
      replicas: 2,
      labels: { app: "web" },
      ports: [
        { name: "http", containerPort: 8080, backend: "http" },
        { name: "echo", containerPort: 9000, backend: "tcp-echo" },
      ],
    },
    {
      name: "greeter",
      namespace: "default",
      ports: [{ name: "greet", containerPort: 7000, backend: "greeter" }],
    },
    {
      name: "udp-echo",
      namespace: "default",
      ports: [{ name: "udp", containerPort: 5353, protocol: "UDP", backend: "udp-echo" }],
    },
    {
      name: "bulk",
      namespace: "default",
      ports: [{ name: "bulk", containerPort: 7100, backend: "bulk" }],
    },
  ],
  services: [
    {
      name: "web",
      namespace: "default",
      selector: { app: "web" },
      ports: [
        { name: "http", port: 80, targetPort: "http" },
        { name: "echo", port: 9000, targetPort: 9000 },
      ],
    },
    {
      name: "greeter",
      namespace: "default",
      selector: { app: "greeter" },
      ports: [{ port: 7000, targetPort: 7000 }],
    },
    {
      name: "udp-echo",
      namespace: "default",
      selector: { app: "udp-echo" },
      ports: [{ port: 5353, targetPort: 5353, protocol: "UDP" }],
    },
    {
      name: "bulk",
      namespace: "default",
      selector: { app: "bulk" },
      ports: [{ port: 7100, targetPort: 7100 }],
    },
  ],
};

export const demoScenario: Scenario = {
  namespaces: ["default", "webapp", "backend", "kftray-relay"],
  extraContexts: ["dev-cluster", "prod-cluster"],
  workloads: [
    {
      name: "frontend",
      namespace: "webapp",
      replicas: 2,
      labels: { app: "frontend" },
      ports: [{ name: "http", containerPort: 8080, backend: "http" }],
    },
    {
      name: "auth",
      namespace: "backend",
      labels: { app: "auth" },
      ports: [{ name: "http", containerPort: 8080, backend: "http" }],
      // A pod forward discovered from the Deployment (target: its selector app=auth).
      annotations: { "kftray.app/configs": "auth-pod-18081-8080" },
    },
    {
      name: "coredns",
      namespace: "kftray-relay",
      labels: { "k8s-app": "kube-dns" },
      ports: [{ name: "dns", containerPort: 53, protocol: "UDP", backend: "dns" }],
    },
  ],
  services: [
    {
      name: "frontend-service",
      namespace: "webapp",
      selector: { app: "frontend" },
      ports: [{ name: "http", port: 80, targetPort: "http" }],
      // kftray's style, a hyphenated alias split from the right: web-ui, local 8080, port "http".
      annotations: { "kftray.app/configs": "web-ui-8080-http" },
    },
    {
      name: "auth",
      namespace: "backend",
      selector: { app: "auth" },
      ports: [{ name: "http", port: 8080, targetPort: 8080 }],
      // Ferry's style: one JSON array with what kftray's entries cannot say.
      annotations: {
        "ferry.dev/forwards": JSON.stringify([
          { alias: "auth-api", port: "http", localPort: 18080, localAddress: "127.0.0.2" },
        ]),
      },
    },
    {
      name: "auth-admin",
      namespace: "backend",
      selector: { app: "auth" },
      ports: [{ name: "admin", port: 9090, targetPort: 8080 }],
      // Malformed on purpose: no ports in the entry. Discovery reports it and goes on.
      annotations: { "kftray.app/configs": "admin-console" },
    },
    {
      name: "kube-dns",
      namespace: "kftray-relay",
      selector: { "k8s-app": "kube-dns" },
      ports: [{ name: "dns", port: 53, targetPort: 53, protocol: "UDP" }],
      // A UDP port: discovered as a relay forward.
      annotations: { "kftray.app/configs": "cluster-dns-5353-dns" },
    },
  ],
  externals: [{ host: "redis-master.internal-db.private", port: 6379, backend: "redis" }],
};

export function resolveScenario(s: "demo" | "test" | Scenario | string | undefined): Scenario {
  if (s === undefined || s === "test") return testScenario;
  if (s === "demo") return demoScenario;
  if (typeof s === "string") return YAML.parse(readFileSync(s, "utf8")) as Scenario;
  return s;
}
