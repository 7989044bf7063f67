import { createDaemonRpc } from "../../shared/daemonRpc.ts";
import type { DaemonConnection, ForwardState } from "../../shared/daemonView.ts";
import type { DaemonApi, ForwardEvent, ForwardStatus, ImportResult } from "./daemonApi.ts";

type Rpc = ReturnType<typeof createDaemonRpc>["rpc"];

/** A `forwards.status` row / status event as the daemon sends it (core's ForwardStatus). */
interface DaemonStatus {
  id: number;
  state: ForwardState;
  error: { code: string; message: string } | null;
  since?: number;
}

/** core's ForwardEvent union, as it arrives over the subscription. */
type DaemonEvent =
  | { type: "status"; status: DaemonStatus }
  | { type: "log"; id: number; level: string; message: string; at: number }
  | {
      type: "traffic";
      id: number;
      bytesIn: number;
      bytesOut: number;
      connections: number;
      at: number;
    };

const toStatus = (s: DaemonStatus): ForwardStatus => ({
  id: s.id,
  state: s.state,
  error: s.error?.message ?? null,
});

export function toForwardEvent(e: DaemonEvent): ForwardEvent {
  if (e.type === "status") {
    const status = toStatus(e.status);
    return {
      id: status.id,
      at: e.status.since || Date.now(),
      kind: "status",
      message: status.error ?? status.state,
      status,
    };
  }
  if (e.type === "log") return { id: e.id, at: e.at, kind: "log", message: e.message };
  const { bytesIn, bytesOut, connections } = e;
  return {
    id: e.id,
    at: e.at,
    kind: "traffic",
    message: "",
    traffic: { bytesIn, bytesOut, connections },
  };
}

const kube = (context: string | null, kubeconfig: string | null) => ({ context, kubeconfig });

/** The renderer's `DaemonApi` over the daemon's tRPC router: the one place naming its paths. */
export function trpcDaemonApi(conn: DaemonConnection): DaemonApi {
  const { rpc } = createDaemonRpc(conn);
  const q = <T>(path: string, input?: unknown) => rpc.query(path, input) as Promise<T>;
  const m = <T>(path: string, input?: unknown) => rpc.mutation(path, input) as Promise<T>;
  return {
    listConfigs: () => q("configs.list"),
    status: async () => (await q<DaemonStatus[]>("forwards.status")).map(toStatus),
    createConfig: (input) => m("configs.create", input),
    updateConfig: (id, input) => m("configs.update", { id, patch: input }),
    deleteConfigs: async (ids) => {
      await m("configs.delete", ids);
    },
    importConfigs: async (text) => {
      const r = await m<{
        added: unknown[];
        updated: unknown[];
        unchanged: unknown[];
        warnings: string[];
      }>("configs.import", { text });
      return {
        added: r.added.length,
        updated: r.updated.length,
        unchanged: r.unchanged.length,
        warnings: r.warnings,
      } satisfies ImportResult;
    },
    exportConfigs: () => q("configs.export"),
    start: async (ids) => {
      await m("forwards.start", { ids });
    },
    stop: async (ids) => {
      await m("forwards.stop", { ids });
    },
    contexts: async (kubeconfig) =>
      (await q<{ name: string }[]>("kube.contexts", { kubeconfig })).map((c) => c.name),
    namespaces: (context, kubeconfig) => q("kube.namespaces", kube(context, kubeconfig)),
    services: async (context, kubeconfig, namespace) =>
      (
        await q<{ name: string }[]>("kube.services", { ...kube(context, kubeconfig), namespace })
      ).map((s) => s.name),
    ports: (context, kubeconfig, namespace, service) =>
      q("kube.ports", { ...kube(context, kubeconfig), namespace, service }),
    getSetting: (key) => q("settings.get", key),
    setSetting: async (key, value) => {
      await m("settings.set", { key, value });
    },
    daemonInfo: () => q("daemon.info"),
    onEvents: (handler, onError) => subscribe(rpc, handler, onError),
  };
}

function subscribe(rpc: Rpc, handler: (e: ForwardEvent) => void, onError?: (m: string) => void) {
  const sub = rpc.subscription("forwards.events", undefined, {
    onData: (data: unknown) => handler(toForwardEvent(data as DaemonEvent)),
    onError: (err: unknown) => onError?.(err instanceof Error ? err.message : String(err)),
  });
  return () => sub.unsubscribe();
}
