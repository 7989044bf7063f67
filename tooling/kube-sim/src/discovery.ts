// /version, /api, /apis and the resource lists kubectl's discovery reads.

export const version = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0-kube-sim",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2026-01-01T00:00:00Z",
  goVersion: "go1.23.0",
  compiler: "gc",
  platform: "linux/amd64",
};

export const apiVersions = {
  kind: "APIVersions",
  versions: ["v1"],
  serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "127.0.0.1:6443" }],
};

const group = (name: string) => ({
  name,
  versions: [{ groupVersion: `${name}/v1`, version: "v1" }],
  preferredVersion: { groupVersion: `${name}/v1`, version: "v1" },
});

export const apiGroupList = {
  kind: "APIGroupList",
  apiVersion: "v1",
  groups: [group("apps"), group("discovery.k8s.io"), group("authorization.k8s.io")],
};

const res = (
  name: string,
  kind: string,
  namespaced: boolean,
  verbs: string[],
  shortNames?: string[],
) => ({
  name,
  singularName: name.includes("/") ? "" : kind.toLowerCase(),
  namespaced,
  kind,
  verbs,
  ...(shortNames ? { shortNames } : {}),
});

const READ = ["get", "list", "watch"];

export const coreResources = {
  kind: "APIResourceList",
  groupVersion: "v1",
  resources: [
    res("namespaces", "Namespace", false, READ, ["ns"]),
    res("pods", "Pod", true, ["create", "delete", ...READ], ["po"]),
    res("pods/log", "Pod", true, ["get"]),
    res("pods/portforward", "PodPortForwardOptions", true, ["create", "get"]),
    res("pods/status", "Pod", true, ["get"]),
    res("services", "Service", true, [...READ, "patch", "update"], ["svc"]),
    res("endpoints", "Endpoints", true, READ, ["ep"]),
  ],
};

export const discoveryResources = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: "discovery.k8s.io/v1",
  resources: [res("endpointslices", "EndpointSlice", true, READ)],
};

export const authorizationResources = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: "authorization.k8s.io/v1",
  resources: [res("selfsubjectaccessreviews", "SelfSubjectAccessReview", false, ["create"])],
};

export const appsResources = {
  kind: "APIResourceList",
  apiVersion: "v1",
  groupVersion: "apps/v1",
  resources: [
    res("deployments", "Deployment", true, [...READ, "patch", "update"], ["deploy"]),
    res("statefulsets", "StatefulSet", true, [...READ, "patch", "update"], ["sts"]),
  ],
};
