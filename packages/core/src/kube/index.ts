export { type ClientNode, loadClientNode } from "./clientNode.ts";
export {
  clearKubeCache,
  getKube,
  getKubeAsync,
  type Kube,
  loadKubeConfig,
  loadKubeConfigAsync,
} from "./getKube.ts";
export { isCurrentContext, kubeconfigPaths } from "./kubeconfigPaths.ts";
