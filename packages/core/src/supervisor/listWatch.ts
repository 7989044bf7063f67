// Objects of one kind behind one (cluster, namespace, selector) — the pods of a target, the
// EndpointSlices of a service — kept current by list + watch and shared by every forward with the
// same target. The watch restarts after errors (API outage) with backoff, relisting when its
// resourceVersion is gone.

import { setTimeout as sleep } from "node:timers/promises";
import { apiError } from "../kube/apiError.ts";
import { clientNode } from "../kube/clientNode.ts";
import { credentialsFor } from "../kube/credentials.ts";
import type { Kube } from "../kube/getKube.ts";
import type { Gate } from "../portforward/podConnector.ts";
import { nextBackoff, withJitter } from "./backoff.ts";

/** Defaults, documented in the README (engine options `watchTimeoutSeconds`, `watchIdleMs`). */
export const DEFAULT_WATCH_TIMEOUT_SECONDS = 120;
export const DEFAULT_WATCH_IDLE_MS = 30_000;

export interface WatchOptions {
  /**
   * The server ends each watch after this (plus up to half again, jittered), so a connection a
   * broken proxy holds silently is renewed.
   */
  timeoutSeconds?: number;
  /** No byte for this long ends the watch client-side (a silent dead connection), then renewed. */
  idleMs?: number;
  /** Lists and watch (re)starts wait here: at most N connection attempts per cluster at once. */
  gate?: Gate;
}

type WatchEnd = { gone: boolean; error: unknown };

function isQuietTimeout(err: unknown): boolean {
  return (err as { name?: string } | null)?.name === "TimeoutError";
}

interface KObject {
  metadata?: { name?: string; resourceVersion?: string };
}

/** How to list and watch one kind. */
export interface WatchKind<T extends KObject> {
  /** e.g. "pods"; used in paths after /namespaces/{ns}/ and in messages. */
  resource: string;
  /** API group path prefix, e.g. "/api/v1" or "/apis/discovery.k8s.io/v1". */
  prefix: string;
  list(
    kube: Kube,
    namespace: string,
    labelSelector: string,
  ): Promise<{
    items: T[];
    metadata?: { resourceVersion?: string };
  }>;
}

export class ListWatch<T extends KObject> {
  readonly kube: Kube;
  readonly kind: WatchKind<T>;
  readonly namespace: string;
  readonly selector: string;
  /** Objects by name. */
  readonly items = new Map<string, T>();
  /** Counts changes to `items`, so what is derived from them can be kept until the next one. */
  changes = 0;
  /** False while the API cannot be listed or watched. */
  healthy = false;
  lastError: Error | null = null;
  /** When the watch last went from healthy to failing (epoch ms). */
  failedSince = 0;
  refs = 0;
  #listeners = new Set<() => void>();
  #abort = new AbortController();
  #watchAbort: AbortController | null = null;
  #firstSync: Promise<void>;
  #settleFirst: { resolve: () => void; reject: (e: Error) => void } | null = null;
  #loop: Promise<void> | null = null;
  readonly #o: WatchOptions;

  constructor(
    kube: Kube,
    kind: WatchKind<T>,
    namespace: string,
    selector: string,
    options: WatchOptions = {},
  ) {
    this.#o = options;
    this.kube = kube;
    this.kind = kind;
    this.namespace = namespace;
    this.selector = selector;
    this.#firstSync = new Promise((resolve, reject) => {
      this.#settleFirst = { resolve, reject };
    });
    this.#firstSync.catch(() => {});
  }

  /** Resolves after the first list; rejects with the first list's error (the watch keeps trying). */
  synced(): Promise<void> {
    this.#loop ??= this.#run();
    if (this.healthy) return Promise.resolve();
    if (!this.#settleFirst && this.lastError) return Promise.reject(this.lastError);
    return this.#firstSync;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#abort.abort();
    this.#watchAbort?.abort();
    this.#listeners.clear();
  }

  #notify(): void {
    for (const l of [...this.#listeners]) l();
  }

  #fail(err: unknown): void {
    const e = apiError(
      err,
      this.kube,
      `${this.kind.resource} ${this.namespace}/{${this.selector}}`,
    );
    const was = this.healthy;
    if (was) this.failedSince = Date.now();
    this.healthy = false;
    this.lastError = e;
    if (this.#settleFirst) {
      this.#settleFirst.reject(e);
      this.#settleFirst = null;
    }
    if (was) this.#notify();
  }

  async #run(): Promise<void> {
    let backoff = 0;
    const signal = this.#abort.signal;
    while (!signal.aborted) {
      try {
        const gate = this.#o.gate ?? ((attempt) => attempt());
        const list = await gate(
          () => this.kind.list(this.kube, this.namespace, this.selector),
          signal,
        );
        if (signal.aborted) return;
        this.items.clear();
        for (const p of list.items) if (p.metadata?.name) this.items.set(p.metadata.name, p);
        this.changes++;
        this.healthy = true;
        this.lastError = null;
        backoff = 0;
        this.#settleFirst?.resolve();
        this.#settleFirst = null;
        this.#notify();
        let rv = list.metadata?.resourceVersion ?? "";
        let renewed = false;
        for (;;) {
          const end = await this.#watchOnce(rv, (v) => {
            rv = v;
          });
          if (signal.aborted) return;
          if (end.gone) break;
          // A token that expired or rotated: renew it and watch again at once, one time.
          const unauthorized = (end.error as { statusCode?: number } | null)?.statusCode === 401;
          if (unauthorized && !renewed && credentialsFor(this.kube.kc)?.refresh()) {
            renewed = true;
            continue;
          }
          if (end.error) throw end.error;
          renewed = false;
        }
      } catch (err) {
        if (signal.aborted) return;
        this.#fail(err);
        backoff = nextBackoff(backoff);
        await sleep(withJitter(backoff), undefined, { signal }).catch(() => {});
      }
    }
  }

  #watchOnce(rv: string, setRv: (rv: string) => void): Promise<WatchEnd> {
    return new Promise<WatchEnd>((resolve) => {
      let gone = false;
      let settled = false;
      let ctl: AbortController | null = null;
      let release: (() => void) | null = null;
      const finish = (error: unknown) => {
        if (settled) return;
        settled = true;
        release?.();
        // An ERROR event leaves the HTTP stream open: close it before watching anew.
        ctl?.abort();
        resolve({ gone, error });
      };
      const watch = new (clientNode().Watch)(this.kube.kc);
      // client-node's inactivity bound (private, 30 s by default): a silent watch ends.
      (watch as unknown as { requestTimeoutMs: number }).requestTimeoutMs =
        this.#o.idleMs ?? DEFAULT_WATCH_IDLE_MS;
      const timeout = this.#o.timeoutSeconds ?? DEFAULT_WATCH_TIMEOUT_SECONDS;
      const start = (): Promise<void> =>
        new Promise<void>((slotDone) => {
          // The reconnect gate's slot is held until the watch is established (or failed).
          release = slotDone;
          if (settled) return slotDone();
          watch
            .watch(
              `${this.kind.prefix}/namespaces/${encodeURIComponent(this.namespace)}/${this.kind.resource}`,
              {
                labelSelector: this.selector,
                resourceVersion: rv,
                allowWatchBookmarks: true,
                // Bounded watches: a connection silently held by a broken proxy is renewed.
                timeoutSeconds: timeout + Math.floor(Math.random() * (timeout / 2)),
              },
              (phase: string, obj: T & { code?: number }) => {
                if (phase === "ERROR") {
                  if (obj?.code === 410) gone = true;
                  else finish(new Error(`watch error: ${JSON.stringify(obj).slice(0, 200)}`));
                  return;
                }
                const v = obj?.metadata?.resourceVersion;
                if (v) setRv(v);
                if (phase === "BOOKMARK") return;
                const name = obj?.metadata?.name;
                if (!name) return;
                if (phase === "DELETED") this.items.delete(name);
                else this.items.set(name, obj);
                this.changes++;
                this.#notify();
              },
              // client-node ends a watch quiet for idleMs with a TimeoutError: a normal renewal.
              (err: unknown) => finish(isQuietTimeout(err) ? null : (err ?? null)),
            )
            .then(
              (c) => {
                slotDone();
                ctl = c;
                this.#watchAbort = c;
                if (this.#abort.signal.aborted || settled) c.abort();
              },
              (err) => finish(err),
            );
        });
      const gate = this.#o.gate ?? ((attempt) => attempt());
      gate(start, this.#abort.signal).catch((err) => finish(err));
    });
  }
}

const registry = new WeakMap<Kube, Map<string, ListWatch<KObject>>>();

/** The shared watch for (cluster, kind, namespace, selector); call releaseWatch() when done. */
export function acquireWatch<T extends KObject>(
  kube: Kube,
  kind: WatchKind<T>,
  namespace: string,
  selector: string,
  options?: WatchOptions,
): ListWatch<T> {
  let byKey = registry.get(kube);
  if (!byKey) {
    byKey = new Map();
    registry.set(kube, byKey);
  }
  const key = `${kind.prefix}/${kind.resource}\u0000${namespace}\u0000${selector}`;
  let w = byKey.get(key) as ListWatch<T> | undefined;
  if (!w) {
    w = new ListWatch(kube, kind, namespace, selector, options);
    byKey.set(key, w as unknown as ListWatch<KObject>);
  }
  w.refs++;
  return w;
}

export function releaseWatch<T extends KObject>(w: ListWatch<T>): void {
  w.refs--;
  if (w.refs > 0) return;
  w.close();
  const byKey = registry.get(w.kube);
  const key = `${w.kind.prefix}/${w.kind.resource}\u0000${w.namespace}\u0000${w.selector}`;
  if (byKey?.get(key) === (w as unknown as ListWatch<KObject>)) byKey.delete(key);
}
