import { readFileSync, statSync } from "node:fs";
import type { CoreV1Api, DiscoveryV1Api, KubeConfig } from "@kubernetes/client-node";
import { FerryForwardError } from "../errors.ts";
import { makeApiClient } from "./authRetryHttp.ts";
import { clientNode, loadClientNode } from "./clientNode.ts";
import { manageCredentials } from "./credentials.ts";
import { isCurrentContext, kubeconfigPaths } from "./kubeconfigPaths.ts";
import { writeBackOidcTokens } from "./kubeconfigWriteBack.ts";
import { shareDispatchers } from "./sharedDispatcher.ts";

export interface Kube {
  kc: KubeConfig;
  coreApi: CoreV1Api;
  discoveryApi: DiscoveryV1Api;
  /** The context actually used (the current one resolved). */
  contextName: string;
  /** Server URL, for messages. */
  server: string;
}

const cache = new Map<string, { kube: Kube; stamp: string }>();

/** Sizes and mtimes of the files: an edited kubeconfig (new token, new context) is reloaded. */
function stampOf(kubeconfig: string | null): string {
  return kubeconfigPaths(kubeconfig)
    .map((f) => {
      try {
        const st = statSync(f);
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return "-";
      }
    })
    .join("|");
}

/** kubectl's merge: the first file defining a name (and a current context) wins. */
function mergeFirstWins(parts: KubeConfig[]): KubeConfig {
  const pick = <T extends { name: string }>(lists: T[][]): T[] => {
    const seen = new Map<string, T>();
    for (const list of lists) for (const x of list) if (!seen.has(x.name)) seen.set(x.name, x);
    return [...seen.values()];
  };
  const kc = new (clientNode().KubeConfig)();
  kc.loadFromOptions({
    clusters: pick(parts.map((p) => p.clusters)),
    users: pick(parts.map((p) => p.users)),
    contexts: pick(parts.map((p) => p.contexts)),
    currentContext: parts.map((p) => p.getCurrentContext()).find((c) => !!c) ?? "",
  });
  return kc;
}

/**
 * The merged kubeconfig a config names (see kubeconfigPaths), with its current context as the
 * files set it. Forms list its contexts; forwards go through getKube.
 */
export function loadKubeConfig(kubeconfig: string | null): {
  kc: KubeConfig;
  where: string;
  /** The file each user came from (the first defining it), where refreshed tokens go back. */
  userFiles: Map<string, string>;
} {
  const paths = kubeconfigPaths(kubeconfig);
  const where = paths.join(":");
  const parts: KubeConfig[] = [];
  const userFiles = new Map<string, string>();
  for (const file of paths) {
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      // KUBECONFIG lists may name files that do not exist; kubectl skips them, so do we, unless
      // it is the only one.
      if (paths.length > 1 && (err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw new FerryForwardError(
        "KUBECONFIG_UNREADABLE",
        `cannot read kubeconfig ${file}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    const one = new (clientNode().KubeConfig)();
    try {
      one.loadFromString(text);
    } catch (err) {
      throw new FerryForwardError(
        "KUBECONFIG_UNREADABLE",
        `kubeconfig ${file} is not valid: ${(err as Error).message}`,
        { cause: err },
      );
    }
    parts.push(one);
    for (const u of one.users) if (!userFiles.has(u.name)) userFiles.set(u.name, file);
  }
  return { kc: mergeFirstWins(parts), where, userFiles };
}

/** `written`: after refreshed tokens were saved into one of the kubeconfig's files. */
function load(kubeconfig: string | null, context: string | null, written: () => void): Kube {
  const { kc, where, userFiles } = loadKubeConfig(kubeconfig);
  if (isCurrentContext(context)) {
    if (!kc.getCurrentContext() || !kc.getContextObject(kc.getCurrentContext())) {
      throw new FerryForwardError(
        "UNKNOWN_CONTEXT",
        `kubeconfig ${where} has no current context; set one or name a context`,
      );
    }
  } else {
    const name = context as string;
    if (!kc.getContextObject(name)) {
      const known = kc.contexts.map((c) => c.name).join(", ") || "none";
      throw new FerryForwardError(
        "UNKNOWN_CONTEXT",
        `context "${name}" is not in kubeconfig ${where} (contexts: ${known})`,
      );
    }
    kc.setCurrentContext(name);
  }
  const contextName = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new FerryForwardError(
      "KUBECONFIG_UNREADABLE",
      `context "${contextName}" in ${where} names a cluster that is not defined`,
    );
  }
  shareDispatchers(kc);
  manageCredentials(kc, {
    reloadToken() {
      // A 401 with a fixed token: the kubeconfig may hold a new one by now.
      try {
        const fresh = loadKubeConfig(kubeconfig).kc;
        fresh.setCurrentContext(contextName);
        return fresh.getCurrentUser()?.token ?? null;
      } catch {
        return null;
      }
    },
    saveOidcTokens(userName, tokens, previousIdToken) {
      const file = userFiles.get(userName);
      if (!file) throw new Error(`no kubeconfig file defines user "${userName}"`);
      writeBackOidcTokens(file, userName, tokens, previousIdToken);
      written();
    },
  });
  const { CoreV1Api, DiscoveryV1Api } = clientNode();
  return {
    kc,
    coreApi: makeApiClient(kc, CoreV1Api),
    discoveryApi: makeApiClient(kc, DiscoveryV1Api),
    contextName,
    server: cluster.server,
  };
}

/** One client per (kubeconfig, context), reused by every forward that names the pair. */
export function getKube(config: { kubeconfig: string | null; context: string | null }): Kube {
  const key = `${config.kubeconfig ?? ""}\u0000${config.context ?? ""}\u0000${process.env.KUBECONFIG ?? ""}`;
  const stamp = stampOf(config.kubeconfig);
  const hit = cache.get(key);
  if (hit && hit.stamp === stamp) return hit.kube;
  const kube = load(config.kubeconfig, config.context, () => {
    // Our own write is not an edit: this client already holds what the file now says.
    const entry = cache.get(key);
    if (entry?.kube === kube) entry.stamp = stampOf(config.kubeconfig);
  });
  cache.set(key, { kube, stamp });
  return kube;
}

/** getKube, with client-node loaded first (the first kube call of a process loads it). */
export async function getKubeAsync(config: {
  kubeconfig: string | null;
  context: string | null;
}): Promise<Kube> {
  await loadClientNode();
  return getKube(config);
}

/** loadKubeConfig, with client-node loaded first. */
export async function loadKubeConfigAsync(
  kubeconfig: string | null,
): Promise<ReturnType<typeof loadKubeConfig>> {
  await loadClientNode();
  return loadKubeConfig(kubeconfig);
}

/** Forgets cached clients (kubeconfig edited on disk, tests). */
export function clearKubeCache(): void {
  cache.clear();
}
