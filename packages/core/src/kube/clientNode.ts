// @kubernetes/client-node, loaded on first use. Importing it costs about 80 MiB of RSS (868
// files, 16 MiB of source kept for lazy compilation; bench/RESULTS.md, issue 16), and every full
// GC marks what it leaves live, so a ferryd with no forward running and no kube call made must
// not load it. In the packaged bundle (esbuild, splitting) the dynamic import is a lazy chunk.

import { createRequire } from "node:module";
import { FerryForwardError } from "../errors.ts";
import type * as ClientNodeParts from "./clientNodeParts.ts";

/** What Ferry uses of client-node (AppsV1Api for store's discovery, the rest core's). */
export type ClientNode = typeof ClientNodeParts;

let loaded: ClientNode | null = null;
let loading: Promise<ClientNode> | null = null;

/** Loads client-node once; every kube path awaits this before its first getKube(). */
export function loadClientNode(): Promise<ClientNode> {
  if (loaded) return Promise.resolve(loaded);
  loading ??= import("./clientNodeParts.ts").then((m) => {
    loaded = m;
    return m;
  });
  return loading;
}

/**
 * The loaded module. A caller that did not await loadClientNode() first still works from source
 * (Node >= 22.12 can require() an ES module synchronously); a bundle has no node_modules to
 * require from, so there it is a coded error naming the fix.
 */
export function clientNode(): ClientNode {
  if (loaded) return loaded;
  try {
    // The package holds every part under the same names (the same module instance).
    loaded = createRequire(import.meta.url)("@kubernetes/client-node") as ClientNode;
    return loaded;
  } catch (err) {
    throw new FerryForwardError(
      "KUBE_CLIENT_NOT_LOADED",
      `the Kubernetes client is not loaded yet (${(err as Error).message}); await loadClientNode() (or use getKubeAsync) before the first kube call`,
      { cause: err },
    );
  }
}
