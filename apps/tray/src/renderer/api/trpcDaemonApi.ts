import { createDaemonRpc } from "../../shared/daemonRpc.ts";
import type { DaemonConnection } from "../../shared/daemonView.ts";
import type { DaemonApi, ForwardEvent } from "./daemonApi.ts";

type Rpc = ReturnType<typeof createDaemonRpc>["rpc"];
const kube = (context: string | null, kubeconfig: string | null) => ({
  ...(context ? { context } : {}),
  ...(kubeconfig ? { kubeconfig } : {}),
});

/** The renderer's `DaemonApi` over the daemon's tRPC router: the one place naming its paths. */
export function trpcDaemonApi(conn: DaemonConnection): DaemonApi {
  const { rpc } = createDaemonRpc(conn);
  const q = <T>(path: string, input?: unknown) => rpc.query(path, input) as Promise<T>;
  const m = <T>(path: string, input?: unknown) => rpc.mutation(path, input) as Promise<T>;
  return {
    listConfigs: () => q("configs.list"),
    status: () => q("forwards.status"),
    createConfig: (input) => m("configs.create", input),
    updateConfig: (id, input) => m("configs.update", { id, patch: input }),
    deleteConfigs: async (ids) => {
      for (const id of ids) await m("configs.delete", { id });
    },
    importConfigs: (text) => m("configs.import", { text }),
    exportConfigs: () => q("configs.export"),
    start: async (ids) => {
      await m("forwards.start", { ids });
    },
    stop: async (ids) => {
      await m("forwards.stop", { ids });
    },
    contexts: (kubeconfig) => q("kube.contexts", kube(null, kubeconfig)),
    namespaces: (context, kubeconfig) => q("kube.namespaces", kube(context, kubeconfig)),
    services: (context, kubeconfig, namespace) =>
      q("kube.services", { ...kube(context, kubeconfig), namespace }),
    ports: (context, kubeconfig, namespace, service) =>
      q("kube.ports", { ...kube(context, kubeconfig), namespace, service }),
    getSetting: (key) => q("settings.get", { key }),
    setSetting: async (key, value) => {
      await m("settings.set", { key, value });
    },
    daemonInfo: () => q("daemon.info"),
    onEvents: (handler, onError) => subscribe(rpc, handler, onError),
  };
}

function subscribe(rpc: Rpc, handler: (e: ForwardEvent) => void, onError?: (m: string) => void) {
  const sub = rpc.subscription("forwards.events", undefined, {
    onData: (data: unknown) => handler(data as ForwardEvent),
    onError: (err: unknown) => onError?.(err instanceof Error ? err.message : String(err)),
  });
  return () => sub.unsubscribe();
}
