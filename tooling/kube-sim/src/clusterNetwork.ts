// Cluster networking as relay pods and DNS see it: Service names and ClusterIPs, scenario hosts
// outside the cluster, and a local proxy per Service port over its Ready pods.
import type { Backend } from "./backends.ts";
import { resolveTargetPort } from "./podObject.ts";
import { matchesSelector } from "./selectors.ts";
import { type ServiceProxy, startTcpProxy, startUdpProxy, type Target } from "./serviceProxy.ts";
import type { KObject, Store } from "./store.ts";

/** Where a pod's container port really listens. */
export type PodTargetLookup = (
  ns: string,
  name: string,
  port: number,
  protocol: string,
) => Target | undefined;

function readyPods(store: Store, svc: KObject): KObject[] {
  return store.list("pods", svc.metadata.namespace).filter(
    (p) =>
      matchesSelector(svc.spec.selector, p.metadata.labels) &&
      !p.metadata.deletionTimestamp &&
      // biome-ignore lint/suspicious/noExplicitAny: open JSON.
      p.status?.conditions?.some((c: any) => c.type === "Ready" && c.status === "True"),
  );
}

export class ClusterNetwork {
  #proxies = new Map<string, Promise<ServiceProxy>>();
  #externals: { host: string; port: number; backend: Backend }[] = [];
  private store: Store;
  private podTarget: PodTargetLookup;

  constructor(store: Store, podTarget: PodTargetLookup) {
    this.store = store;
    this.podTarget = podTarget;
  }

  addExternal(host: string, port: number, backend: Backend): void {
    this.#externals.push({ host: host.toLowerCase(), port, backend });
  }

  /** Finds the Service a cluster DNS name or ClusterIP names, as seen from namespace `fromNs`. */
  findService(address: string, fromNs: string): KObject | undefined {
    const a = address.toLowerCase().replace(/\.$/, "");
    for (const svc of this.store.list("services")) {
      const n = svc.metadata.name;
      const ns = svc.metadata.namespace;
      const names = [`${n}.${ns}`, `${n}.${ns}.svc`, `${n}.${ns}.svc.cluster.local`];
      if (ns === fromNs) names.push(n);
      if (names.includes(a) || svc.spec.clusterIP === a) return svc;
    }
    return undefined;
  }

  resolveDns(name: string): string | undefined {
    const m = /^([^.]+)\.([^.]+)\.svc\.cluster\.local$/.exec(name);
    if (!m) return undefined;
    return this.store.get("services", m[2], m[1] as string)?.spec.clusterIP;
  }

  /**
   * Where a relay pod's REMOTE_ADDRESS:REMOTE_PORT really is: a Service becomes a local proxy
   * over its Ready pods, a scenario external host its local listener, anything else stays as is.
   */
  async route(address: string, port: number, proto: "TCP" | "UDP", fromNs: string) {
    const svc = this.findService(address, fromNs);
    if (svc) {
      // biome-ignore lint/suspicious/noExplicitAny: open JSON.
      const sp = svc.spec.ports.find((p: any) => p.port === port && p.protocol === proto);
      if (sp) {
        const key = `${svc.metadata.namespace}/${svc.metadata.name}/${port}/${proto}`;
        let proxy = this.#proxies.get(key);
        if (!proxy) {
          let turn = 0;
          const pick = () => {
            const live = this.store.get("services", svc.metadata.namespace, svc.metadata.name);
            if (!live) return undefined;
            const candidates = readyPods(this.store, live)
              .map((p) => {
                const target = resolveTargetPort(p, sp.targetPort);
                return target === undefined
                  ? undefined
                  : this.podTarget(p.metadata.namespace ?? "", p.metadata.name, target, proto);
              })
              .filter((t): t is Target => t !== undefined);
            return candidates[turn++ % Math.max(1, candidates.length)];
          };
          proxy = proto === "UDP" ? startUdpProxy(pick) : startTcpProxy(pick);
          this.#proxies.set(key, proxy);
        }
        return { host: "127.0.0.1", port: (await proxy).port };
      }
    }
    const a = address.toLowerCase().replace(/\.$/, "");
    const ext = this.#externals.find((e) => e.host === a && e.port === port);
    if (ext) return { host: ext.backend.host, port: ext.backend.port };
    return { host: address, port };
  }

  async close(): Promise<void> {
    for (const e of this.#externals) e.backend.close();
    for (const p of this.#proxies.values()) (await p).close();
  }
}
