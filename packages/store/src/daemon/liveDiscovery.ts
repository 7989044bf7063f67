import { getKube, loadClientNode } from "@ferry/core";
import type { ConfigStore } from "../configs/configStore.ts";
import { appsApiOf } from "../discovery/kubeApis.ts";
import { LIVE_SETTING, type LiveContext, liveContexts } from "../discovery/liveSettings.ts";
import type { DaemonLog } from "./daemonLog.ts";
import type { DiscoveryService } from "./discoveryService.ts";
import { ObjectWatch } from "./objectWatch.ts";

/** How often a watched context is re-planned even without events (missed events, edits). */
const RESYNC_MS = Number(process.env.FERRY_DISCOVER_RESYNC_MS) || 5 * 60_000;
/** Events within this window make one re-plan. */
const DEBOUNCE_MS = 100;

export interface LiveDiscovery {
  /** Re-reads the `discover.live` setting: starts and stops watches to match. */
  reload(): void;
  close(): void;
}

/** One watched context: its watches, and re-plans one at a time (a change during a run queues one more). */
class ContextRunner {
  readonly #watches: ObjectWatch[] = [];
  readonly #resync: NodeJS.Timeout;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #again = false;

  readonly context: string;
  readonly settings: LiveContext;
  readonly discovery: DiscoveryService;
  readonly log: DaemonLog;

  constructor(context: string, settings: LiveContext, discovery: DiscoveryService, log: DaemonLog) {
    this.context = context;
    this.settings = settings;
    this.discovery = discovery;
    this.log = log;
    const kube = getKube({ kubeconfig: settings.kubeconfig ?? null, context });
    const apps = appsApiOf(kube); // loads client-node; the lists below wait for it
    const ns = settings.namespace ?? null;
    const scope = ns ? `/namespaces/${ns}` : "";
    const common = {
      kube,
      onChange: () => this.schedule(),
      onError: (m: string) => log.warn(`live discovery (${context}): ${m}`),
    };
    this.#watches.push(
      new ObjectWatch({
        ...common,
        path: `/api/v1${scope}/services`,
        list: () =>
          ns
            ? kube.coreApi.listNamespacedService({ namespace: ns })
            : kube.coreApi.listServiceForAllNamespaces({}),
      }),
      new ObjectWatch({
        ...common,
        path: `/apis/apps/v1${scope}/deployments`,
        list: () =>
          apps.then((a) =>
            ns
              ? a.listNamespacedDeployment({ namespace: ns })
              : a.listDeploymentForAllNamespaces({}),
          ),
      }),
      new ObjectWatch({
        ...common,
        path: `/apis/apps/v1${scope}/statefulsets`,
        list: () =>
          apps.then((a) =>
            ns
              ? a.listNamespacedStatefulSet({ namespace: ns })
              : a.listStatefulSetForAllNamespaces({}),
          ),
      }),
    );
    this.#resync = setInterval(() => this.schedule(), RESYNC_MS);
    this.#resync.unref();
  }

  schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#run();
    }, DEBOUNCE_MS);
  }

  async #run(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = true;
    try {
      const report = await this.discovery.apply(
        {
          contexts: [this.context],
          kubeconfig: this.settings.kubeconfig ?? undefined,
          namespace: this.settings.namespace ?? undefined,
          prune: this.settings.prune === true,
        },
        "live",
      );
      for (const p of report.problems)
        this.log.warn(`live discovery (${this.context}): ${p.namespace}/${p.name}: ${p.message}`);
    } catch (err) {
      this.log.warn(`live discovery (${this.context}): ${(err as Error).message}`);
    } finally {
      this.#running = false;
      if (this.#again) {
        this.#again = false;
        this.schedule();
      }
    }
  }

  stop(): void {
    for (const w of this.#watches) w.stop();
    clearInterval(this.#resync);
    if (this.#timer) clearTimeout(this.#timer);
  }
}

/** The daemon's live discovery: one runner per context whose setting says watch. */
export function createLiveDiscovery(deps: {
  store: ConfigStore;
  discovery: DiscoveryService;
  log: DaemonLog;
}): LiveDiscovery {
  const runners = new Map<string, ContextRunner>();
  let closed = false;
  let pending: Promise<void> = Promise.resolve();
  const reloadNow = async () => {
    const wanted = liveContexts(deps.store.settings.get(LIVE_SETTING));
    // client-node is loaded only when a context is watched (issue 16: an idle ferryd has none).
    if (Object.values(wanted).some((s) => s.watch)) await loadClientNode();
    if (closed) return;
    for (const [context, runner] of runners) {
      const next = wanted[context];
      if (next?.watch && JSON.stringify(next) === JSON.stringify(runner.settings)) continue;
      runner.stop();
      runners.delete(context);
    }
    for (const [context, settings] of Object.entries(wanted)) {
      if (!settings.watch || runners.has(context)) continue;
      try {
        runners.set(context, new ContextRunner(context, settings, deps.discovery, deps.log));
        deps.log.info(
          `live discovery on for context ${context}${settings.prune ? " (prune)" : ""}`,
        );
      } catch (err) {
        deps.log.warn(`live discovery (${context}): ${(err as Error).message}`);
      }
    }
  };
  // One reload at a time, in order: each reads the setting when its turn comes.
  const reload = () => {
    pending = pending
      .then(reloadNow)
      .catch((err: unknown) => deps.log.warn(`live discovery: ${(err as Error).message}`));
  };
  return {
    reload,
    close() {
      closed = true;
      for (const runner of runners.values()) runner.stop();
      runners.clear();
    },
  };
}
