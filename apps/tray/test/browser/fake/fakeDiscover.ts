import { type DiscoverReport, FerryClientError } from "@ferry/store/client";

/** What `discover.setLive` takes (the daemon's SetLiveInputSchema). */
interface LiveInput {
  context: string;
  watch: boolean;
  prune?: boolean;
}

/**
 * `discover.*` for the fake page: FakeDaemon (@ferry/store/testing) has no discovery, and that
 * package is not the tray's to change, so it lives in the tray's test set-up. Nothing is
 * annotated (an empty plan). Turning the watch on reads the kubeconfig as the daemon does:
 * `kubeconfigContexts` is what that file holds now, so a context listed earlier but gone since
 * is refused with UNKNOWN_CONTEXT (as the client sees it: a FerryClientError) and nothing is saved.
 */
export function fakeDiscover(kubeconfigContexts: string[]) {
  const live: Record<string, Omit<LiveInput, "context">> = {};
  const plan = async (): Promise<DiscoverReport> => ({
    dryRun: true,
    rows: [],
    problems: [],
    notes: [],
    summary: {
      add: 0,
      update: 0,
      unchanged: 0,
      conflict: 0,
      "kept-local-change": 0,
      remove: 0,
      "source-gone": 0,
    },
    started: [],
  });
  return {
    plan: { query: plan },
    applyPlan: { mutate: async () => ({ ...(await plan()), dryRun: false }) },
    live: { query: async () => structuredClone(live) },
    setLive: {
      mutate: async ({ context, ...settings }: LiveInput) => {
        if (settings.watch && !kubeconfigContexts.includes(context))
          throw new FerryClientError(
            "UNKNOWN_CONTEXT",
            `context "${context}" is not in kubeconfig ~/.kube/config (contexts: ${kubeconfigContexts.join(", ")})`,
          );
        live[context] = settings;
        return structuredClone(live);
      },
    },
  };
}
