// The kubeconfig the sim writes: contexts sim, sim-other, sim-down (closed port) and extras.
import YAML from "yaml";

export type KubeconfigInput = {
  server: string;
  downServer: string;
  caPem: string;
  token: string;
  extraContexts: string[];
};

export function kubeconfigYaml(k: KubeconfigInput): string {
  const ca = Buffer.from(k.caPem).toString("base64");
  const cluster = (name: string, server: string) => ({
    name,
    cluster: { server, "certificate-authority-data": ca },
  });
  const ctx = (name: string, clusterName: string, namespace: string) => ({
    name,
    context: { cluster: clusterName, user: "sim-user", namespace },
  });
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    "current-context": "sim",
    clusters: [cluster("sim", k.server), cluster("sim-down", k.downServer)],
    users: [{ name: "sim-user", user: { token: k.token } }],
    contexts: [
      ctx("sim", "sim", "default"),
      ctx("sim-other", "sim", "other"),
      ctx("sim-down", "sim-down", "default"),
      ...k.extraContexts.map((n) => ctx(n, "sim", "default")),
    ],
  };
  return YAML.stringify(doc);
}
