// Objects by kind with one resourceVersion counter, an event history per kind for watches from a
// resourceVersion, and subscribers for live watches.
import { randomUUID } from "node:crypto";

export type Kind =
  | "namespaces"
  | "pods"
  | "services"
  | "endpoints"
  | "endpointslices"
  | "deployments"
  | "statefulsets";

export const KINDS: Kind[] = [
  "namespaces",
  "pods",
  "services",
  "endpoints",
  "endpointslices",
  "deployments",
  "statefulsets",
];
export type EventType = "ADDED" | "MODIFIED" | "DELETED";
// Kubernetes objects are open JSON.
export type KObject = {
  // biome-ignore lint/suspicious/noExplicitAny: open JSON.
  metadata: { name: string; namespace?: string; [k: string]: any };
  // biome-ignore lint/suspicious/noExplicitAny: open JSON.
  [k: string]: any;
};
export type WatchEvent = { type: EventType; object: KObject; rv: number };

const HISTORY = 1000;

const key = (ns: string | undefined, name: string) => `${ns ?? ""}/${name}`;

export class Store {
  rv = 100;
  private objects = new Map<Kind, Map<string, KObject>>();
  private history = new Map<Kind, WatchEvent[]>();
  /** Events at or below this resourceVersion are gone from the history (410 for a watch). */
  private compactedRv = new Map<Kind, number>();
  private subscribers = new Set<{ kind: Kind; fn: (e: WatchEvent) => void }>();

  private bucket(kind: Kind): Map<string, KObject> {
    let b = this.objects.get(kind);
    if (!b) {
      b = new Map();
      this.objects.set(kind, b);
    }
    return b;
  }

  get(kind: Kind, ns: string | undefined, name: string): KObject | undefined {
    const o = this.bucket(kind).get(key(ns, name));
    return o ? structuredClone(o) : undefined;
  }

  list(kind: Kind, ns?: string): KObject[] {
    const out: KObject[] = [];
    for (const o of this.bucket(kind).values()) {
      if (ns === undefined || o.metadata.namespace === ns) out.push(structuredClone(o));
    }
    return out.sort((a, b) =>
      key(a.metadata.namespace, a.metadata.name).localeCompare(
        key(b.metadata.namespace, b.metadata.name),
      ),
    );
  }

  /** Adds or replaces an object; stamps uid, creationTimestamp and a new resourceVersion. */
  put(kind: Kind, obj: KObject): KObject {
    const b = this.bucket(kind);
    const k = key(obj.metadata.namespace, obj.metadata.name);
    const prev = b.get(k);
    const o = structuredClone(obj);
    o.metadata.uid = prev?.metadata.uid ?? o.metadata.uid ?? randomUUID();
    o.metadata.creationTimestamp =
      prev?.metadata.creationTimestamp ?? o.metadata.creationTimestamp ?? new Date().toISOString();
    o.metadata.resourceVersion = String(++this.rv);
    b.set(k, o);
    this.emit(kind, { type: prev ? "MODIFIED" : "ADDED", object: o, rv: this.rv });
    return structuredClone(o);
  }

  remove(kind: Kind, ns: string | undefined, name: string): KObject | undefined {
    const b = this.bucket(kind);
    const k = key(ns, name);
    const prev = b.get(k);
    if (!prev) return undefined;
    b.delete(k);
    const o = structuredClone(prev);
    o.metadata.resourceVersion = String(++this.rv);
    this.emit(kind, { type: "DELETED", object: o, rv: this.rv });
    return structuredClone(o);
  }

  private emit(kind: Kind, e: WatchEvent) {
    let h = this.history.get(kind);
    if (!h) {
      h = [];
      this.history.set(kind, h);
    }
    h.push(e);
    if (h.length > HISTORY) {
      const dropped = h.splice(0, h.length - HISTORY);
      this.compactedRv.set(kind, dropped[dropped.length - 1]?.rv ?? 0);
    }
    for (const s of this.subscribers) if (s.kind === kind) s.fn(e);
  }

  /** Events after `rv`, or "gone" when the history no longer reaches back that far. */
  since(kind: Kind, rv: number): WatchEvent[] | "gone" {
    if (rv < (this.compactedRv.get(kind) ?? 0)) return "gone";
    return (this.history.get(kind) ?? []).filter((e) => e.rv > rv);
  }

  /** Forget every event so far: any watch from an older resourceVersion gets 410 Gone. */
  compact() {
    for (const kind of this.history.keys()) {
      this.history.set(kind, []);
      this.compactedRv.set(kind, this.rv);
    }
    for (const kind of KINDS) this.compactedRv.set(kind, this.rv);
  }

  subscribe(kind: Kind, fn: (e: WatchEvent) => void): () => void {
    const s = { kind, fn };
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }
}
