export { clearKubeCache, getKube, type Kube } from "./getKube.ts";
export { isCurrentContext, kubeconfigPaths } from "./kubeconfigPaths.ts";
