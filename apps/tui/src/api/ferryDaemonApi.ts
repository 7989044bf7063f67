import { readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { resolve } from "node:path";
import {
  closeFerryClient,
  type FerryClient,
  type ForwardRow,
  ferryErrorOf,
} from "@ferry/store/client";
import type { DaemonApi, ForwardEvent, ForwardStatus } from "./daemonApi.ts";

export interface FerryApiOptions {
  /** Replaces `kubeconfig` in imported entries and is used for new configs and the pickers. */
  kubeconfig?: string | null;
}

/** `~/x` and relative paths, as typed in the prompt, made absolute against the TUI's cwd. */
export function expandPath(path: string): string {
  const p = path.trim();
  return p === "~" || p.startsWith("~/") ? resolve(homedir(), p.slice(2)) : resolve(p);
}

/** Rethrows a client error as `{ code, message, issues }`, the shape `toApiError` reads. */
async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = ferryErrorOf(err);
    throw Object.assign(new Error(e.message), { code: e.code, issues: e.issues, cause: err });
  }
}

function toStatus(r: ForwardRow): ForwardStatus {
  return {
    id: r.id,
    state: r.state,
    pod: r.pod,
    localPort: r.localPort,
    error: r.error ? `${r.error.message} (${r.error.code})` : null,
    connections: r.connections,
    bytesIn: r.bytesIn,
    bytesOut: r.bytesOut,
  };
}

type CoreEvent =
  | { type: "status"; status: ForwardRow }
  | { type: "log"; id: number; level: string; message: string; at: number }
  | { type: "traffic" };

/** The TUI's `DaemonApi` over the daemon's typed tRPC client: the one place naming its paths. */
export function ferryDaemonApi(client: FerryClient, options: FerryApiOptions = {}): DaemonApi {
  const kubeconfig = options.kubeconfig ?? null;
  const kube = (scope: { context: string | null; kubeconfig: string | null }) => ({
    context: scope.context,
    kubeconfig: scope.kubeconfig ?? kubeconfig,
  });
  return {
    listConfigs: (o) => call(() => client.configs.list.query(undefined, o)),
    status: (o) =>
      call(async () => (await client.forwards.status.query(undefined, o)).map(toStatus)),
    createConfig: (input, o) =>
      call(() =>
        client.configs.create.mutate({ ...input, kubeconfig: input.kubeconfig ?? kubeconfig }, o),
      ),
    updateConfig: (id, input, o) =>
      call(() => client.configs.update.mutate({ id, patch: input }, o)),
    deleteConfigs: (ids, o) => call(async () => void (await client.configs.delete.mutate(ids, o))),
    importFile: (path, o) =>
      call(async () => {
        const text = await readFile(expandPath(path), "utf8");
        const r = await client.configs.import.mutate(
          { text, ...(kubeconfig ? { kubeconfig } : {}) },
          o,
        );
        return {
          added: r.added.length,
          updated: r.updated.length,
          unchanged: r.unchanged.length,
          warnings: r.warnings,
        };
      }),
    exportFile: (path, o) =>
      call(async () => {
        const text = await client.configs.export.query(undefined, o);
        await writeFile(expandPath(path), text);
        return (JSON.parse(text) as unknown[]).length;
      }),
    start: (ids, o) => call(async () => void (await client.forwards.start.mutate({ ids }, o))),
    stop: (ids, o) => call(async () => void (await client.forwards.stop.mutate({ ids }, o))),
    startAll: (o) => call(async () => void (await client.forwards.startAll.mutate(undefined, o))),
    stopAll: (o) => call(async () => void (await client.forwards.stopAll.mutate(undefined, o))),
    contexts: (kc, o) =>
      call(async () =>
        (await client.kube.contexts.query({ kubeconfig: kc ?? kubeconfig }, o)).map((c) => c.name),
      ),
    namespaces: (scope, o) => call(() => client.kube.namespaces.query(kube(scope), o)),
    services: (scope, namespace, o) =>
      call(async () =>
        (await client.kube.services.query({ ...kube(scope), namespace }, o)).map((s) => s.name),
      ),
    ports: (scope, namespace, service, o) =>
      call(async () =>
        (await client.kube.ports.query({ ...kube(scope), namespace, service }, o)).map((p) => ({
          name: p.name,
          port: p.port,
        })),
      ),
    onEvents: (handler) => {
      const sub = client.forwards.events.subscribe(undefined, {
        onData: (data: unknown) => {
          const e = data as CoreEvent;
          if (e.type === "log")
            handler({ id: e.id, at: e.at, message: `${e.level}: ${e.message}` });
        },
        // A dropped subscription is noticed by the status poll, which reconnects.
        onError: () => {},
      });
      return () => sub.unsubscribe();
    },
    close: () => closeFerryClient(client),
  } satisfies DaemonApi & { onEvents: (h: (e: ForwardEvent) => void) => () => void };
}
