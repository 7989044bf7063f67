// The kubeconfig the sim writes: contexts sim, sim-other, sim-down (closed port) and extras.
import YAML from "yaml";

/** The user's credentials: a static token, or the test exec plugin reading the token file. */
export type KubeconfigAuth =
  | { token: string }
  | {
      exec: {
        /** Runs `node <plugin>`. */
        node: string;
        plugin: string;
        tokenFile: string;
        expirationSeconds?: number;
        callsFile?: string;
      };
    };

export type KubeconfigInput = {
  server: string;
  downServer: string;
  caPem: string;
  auth: KubeconfigAuth;
  extraContexts: string[];
};

function user(auth: KubeconfigAuth) {
  if ("token" in auth) return { token: auth.token };
  const e = auth.exec;
  const env = [{ name: "KUBE_SIM_TOKEN_FILE", value: e.tokenFile }];
  if (e.expirationSeconds)
    env.push({ name: "KUBE_SIM_EXPIRATION_SECONDS", value: String(e.expirationSeconds) });
  if (e.callsFile) env.push({ name: "KUBE_SIM_PLUGIN_CALLS", value: e.callsFile });
  return {
    exec: {
      apiVersion: "client.authentication.k8s.io/v1",
      command: e.node,
      args: [e.plugin],
      env,
      interactiveMode: "Never",
      provideClusterInfo: false,
    },
  };
}

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
    users: [{ name: "sim-user", user: user(k.auth) }],
    contexts: [
      ctx("sim", "sim", "default"),
      ctx("sim-other", "sim", "other"),
      ctx("sim-down", "sim-down", "default"),
      ...k.extraContexts.map((n) => ctx(n, "sim", "default")),
    ],
  };
  return YAML.stringify(doc);
}
