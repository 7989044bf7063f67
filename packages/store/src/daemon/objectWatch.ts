import { setTimeout as sleep } from "node:timers/promises";
import { type Kube, loadClientNode } from "@ferry/core";

/**
 * List + watch of one kind (Services, Deployments...) that only says "something changed":
 * live discovery re-plans the whole context then. Lists for a resourceVersion, watches from it,
 * relists when it is gone (410), reconnects with backoff, and reports a change after each
 * (re)list, since anything may have happened while it was away.
 */
export class ObjectWatch {
  readonly #kube: Kube;
  readonly #path: string;
  readonly #list: () => Promise<{ metadata?: { resourceVersion?: string } }>;
  readonly #onChange: () => void;
  readonly #onError: (message: string) => void;
  #stopped = false;
  #abort: AbortController | null = null;

  constructor(options: {
    kube: Kube;
    path: string;
    list: () => Promise<{ metadata?: { resourceVersion?: string } }>;
    onChange: () => void;
    onError: (message: string) => void;
  }) {
    this.#kube = options.kube;
    this.#path = options.path;
    this.#list = options.list;
    this.#onChange = options.onChange;
    this.#onError = options.onError;
    void this.#loop();
  }

  async #loop(): Promise<void> {
    let backoff = 500;
    while (!this.#stopped) {
      try {
        let version = (await this.#list()).metadata?.resourceVersion;
        this.#onChange();
        backoff = 500;
        // Watch until the server ends it (timeout) or it fails; resume from the last version.
        while (!this.#stopped && version !== undefined) version = await this.#watchFrom(version);
      } catch (err) {
        this.#onError(`watching ${this.#path}: ${(err as Error).message ?? err}`);
        // Not allowed to watch it all (RBAC): the plan itself falls back to the namespaces the
        // user may list, so re-plan on each retry instead of on events.
        if ((err as { code?: number }).code === 403) this.#onChange();
      }
      if (this.#stopped) return;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, 30_000);
    }
  }

  /** Resolves with the version to resume from, or undefined to relist (410 Gone). */
  async #watchFrom(version: string): Promise<string | undefined> {
    // Loaded on first use (issue 16: a ferryd that watches nothing never loads client-node).
    const { Watch } = await loadClientNode();
    return new Promise((resolve, reject) => {
      let last: string | undefined = version;
      new Watch(this.#kube.kc)
        .watch(
          this.#path,
          { resourceVersion: version, allowWatchBookmarks: true, timeoutSeconds: 300 },
          (phase, obj) => {
            if (phase === "ERROR") {
              last = undefined; // 410 Expired and other errors: start over from a list
              return;
            }
            last = obj?.metadata?.resourceVersion ?? last;
            if (phase !== "BOOKMARK") this.#onChange();
          },
          (err) => {
            if (err && (err as { name?: string }).name !== "AbortError" && !this.#stopped)
              reject(err);
            else resolve(last);
          },
        )
        .then((abort) => {
          this.#abort = abort;
          if (this.#stopped) abort.abort();
        }, reject);
    });
  }

  stop(): void {
    this.#stopped = true;
    this.#abort?.abort();
  }
}
