export { clearKubeCache, getKube, type Kube, loadKubeConfig } from "./getKube.ts";
export { isCurrentContext, kubeconfigPaths } from "./kubeconfigPaths.ts";
