import { type DiscoverReport, FerryClientError, summarize } from "@ferry/store/client";

/** What `discover.setLive` takes (the daemon's SetLiveInputSchema). */
export interface LiveInput {
  context: string;
  watch: boolean;
  prune?: boolean;
}

/**
 * What a browser test changes under the dialog, through `window.fakeDiscover` (fakeMain.tsx):
 * a kubeconfig edited between two clicks, and an answer that lands after the user moved on.
 */
export interface FakeDiscoverControl {
  /** The contexts the kubeconfig holds now; the watch reads it on each `setLive`. */
  kubeconfig: string[];
  /** While true, `setLive` answers wait for `release()`. */
  holding: boolean;
  /** While true, `plan` answers (a context's load) wait for `release()`. */
  holdingPlans: boolean;
  /** Lets the held answers through; resolves once their callers have them. */
  release(): Promise<void>;
}

/**
 * `discover.*` for the fake page: FakeDaemon (@ferry/store/testing) has no discovery, and that
 * package is not the tray's to change, so it lives in the tray's test set-up. Nothing is
 * annotated (an empty plan). Turning the watch on reads the kubeconfig as the daemon does:
 * `kubeconfig` is what that file holds now, so a context listed earlier but gone since is
 * refused with UNKNOWN_CONTEXT (as the client sees it: a FerryClientError) and nothing is saved.
 */
export function fakeDiscover(kubeconfig: string[]) {
  const live: Record<string, Omit<LiveInput, "context">> = {};
  const held: Array<() => void> = [];
  const control: FakeDiscoverControl = {
    kubeconfig,
    holding: false,
    holdingPlans: false,
    release: async () => {
      control.holding = false;
      control.holdingPlans = false;
      for (const go of held.splice(0)) go();
      // A macrotask: the settled answers' callbacks have run by then.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
  const plan = async (): Promise<DiscoverReport> => ({
    dryRun: true,
    rows: [],
    problems: [],
    notes: [],
    summary: summarize([]),
    started: [],
  });
  const setLive = ({ context, ...settings }: LiveInput) => {
    if (settings.watch && !control.kubeconfig.includes(context))
      throw new FerryClientError(
        "UNKNOWN_CONTEXT",
        `context "${context}" is not in kubeconfig ~/.kube/config (contexts: ${control.kubeconfig.join(", ")})`,
      );
    live[context] = settings;
    return structuredClone(live);
  };
  const api = {
    plan: {
      query: async () => {
        if (control.holdingPlans) await new Promise<void>((go) => held.push(go));
        return plan();
      },
    },
    applyPlan: { mutate: async () => ({ ...(await plan()), dryRun: false }) },
    live: { query: async () => structuredClone(live) },
    setLive: {
      mutate: async (input: LiveInput) => {
        if (control.holding) await new Promise<void>((go) => held.push(go));
        return setLive(input);
      },
    },
  };
  return { api, control };
}
