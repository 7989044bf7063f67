// The parts of @kubernetes/client-node that Ferry uses, named, so a bundler keeps only these (a
// dynamic import of the package itself would keep all of it). clientNode.ts loads this lazily.
export {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  createConfiguration,
  DiscoveryV1Api,
  IsomorphicFetchHttpLibrary,
  KubeConfig,
  ServerConfiguration,
  Watch,
  wrapHttpLibrary,
} from "@kubernetes/client-node";
