// Which pod a forward's new connections go to: a Ready pod of the target (and, for a service,
// one its EndpointSlices list as ready, as kube-proxy would) that serves the target port and has
// not failed a stream recently. The current pod is kept while it stays usable.

import type { V1EndpointSlice, V1Pod } from "@kubernetes/client-node";
import { containerPort, isPodReady } from "../resolve/podReadiness.ts";
import type { ListWatch } from "./listWatch.ts";
import { readyEndpointPods } from "./watchKinds.ts";

export interface Chosen {
  name: string;
  port: number;
}

export class PodChoice {
  /** The pod new connections go to now. */
  current: Chosen | null = null;
  readonly #pods: ListWatch<V1Pod>;
  readonly #slices: ListWatch<V1EndpointSlice> | null;
  #ready: { changes: number; names: Set<string> } | null = null;
  readonly #port: number | string;
  /** Pods whose streams failed recently: skipped until this time (epoch ms). */
  readonly #bad = new Map<string, number>();

  /** `slices`: a service's EndpointSlices; null for label targets and clusters without them. */
  constructor(
    pods: ListWatch<V1Pod>,
    slices: ListWatch<V1EndpointSlice> | null,
    port: number | string,
  ) {
    this.#pods = pods;
    this.#slices = slices;
    this.#port = port;
  }

  /** Skips `name` for `ms` (its stream failed); it is no longer current. */
  markBad(name: string, ms: number): void {
    this.#bad.set(name, Date.now() + ms);
    if (this.current?.name === name) this.current = null;
  }

  /** A probe tries every pod again. */
  forgetBad(): void {
    this.#bad.clear();
  }

  /** The pod new connections go to; `skip`: pods that already refused this connection. */
  choose(skip?: ReadonlySet<string>): Chosen | null {
    const endpoints = this.#endpointFilter();
    if (this.current && !skip?.has(this.current.name)) {
      const still = this.#usable(this.current.name, endpoints);
      if (still) return still;
    }
    const names = [...this.#pods.items.keys()].sort();
    for (const n of names) {
      if (skip?.has(n)) continue;
      const c = this.#usable(n, endpoints);
      if (c) return c;
    }
    return null;
  }

  /** Some pod would be chosen but for recent stream failures (markBad): those are the news. */
  onlyFailing(): boolean {
    const endpoints = this.#endpointFilter();
    return [...this.#pods.items.keys()].some((n) => this.#usable(n, endpoints, true));
  }

  /** Pods the slices list as ready, or null when slices say nothing (none yet, API down). */
  #endpointFilter(): Set<string> | null {
    const w = this.#slices;
    if (!w?.healthy || w.items.size === 0) return null;
    // Every new connection asks: derive the set once per change of the slices.
    if (this.#ready?.changes !== w.changes)
      this.#ready = { changes: w.changes, names: readyEndpointPods(w.items.values()) };
    return this.#ready.names;
  }

  #usable(name: string, endpoints: Set<string> | null, failingToo = false): Chosen | null {
    const pod = this.#pods.items.get(name);
    if (!pod || !isPodReady(pod)) return null;
    if (endpoints && !endpoints.has(name)) return null;
    const until = this.#bad.get(name);
    if (until !== undefined && !failingToo) {
      if (until > Date.now()) return null;
      this.#bad.delete(name);
    }
    const port = containerPort(pod, this.#port);
    return port === null ? null : { name, port };
  }
}
