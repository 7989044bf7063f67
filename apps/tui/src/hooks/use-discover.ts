import type { DiscoverReport, FerryClient } from "@ferry/store/client";
import { useInput } from "ink";
import { useEffect, useState } from "react";
import { errorText } from "./use-daemon.ts";

export type DiscoverStep = "contexts" | "planning" | "plan" | "applying" | "done";

export interface DiscoverState {
  step: DiscoverStep;
  contexts: string[];
  context: string | null;
  report: DiscoverReport | null;
  checked: ReadonlySet<number>;
  cursor: number;
  error: string | null;
}

/**
 * The Discover (kftui: Auto Add) screen's state and keys: ↑↓ move, Enter picks a context and
 * then applies, space toggles a row, a checks all / none, Esc goes back.
 * `discover.applyPlan` takes no subset of rows: Enter applies the whole plan, and only when
 * every row is checked (an unchecked row says so instead of being applied anyway).
 */
export function useDiscover(
  client: FerryClient,
  kubeconfig: string | null,
  close: () => void,
): DiscoverState {
  const [s, setS] = useState<DiscoverState>({
    step: "contexts",
    contexts: [],
    context: null,
    report: null,
    checked: new Set(),
    cursor: 0,
    error: null,
  });
  const set = (patch: Partial<DiscoverState>) => setS((old) => ({ ...old, ...patch }));
  const kube = kubeconfig ? { kubeconfig } : {};

  useEffect(() => {
    client.kube.contexts
      .query(kube)
      .then((list) => set({ contexts: list.map((c) => c.name) }))
      .catch((err: unknown) => set({ error: errorText(err) }));
  }, [client]);

  const plan = (context: string) => {
    set({ step: "planning", context, error: null });
    client.discover.plan
      .query({ ...kube, contexts: [context] })
      .then((report) =>
        set({
          step: "plan",
          report,
          cursor: 0,
          checked: new Set(report.rows.map((_, i) => i)),
        }),
      )
      .catch((err: unknown) => set({ step: "contexts", error: errorText(err) }));
  };

  const apply = () => {
    const rows = s.report?.rows ?? [];
    if (s.checked.size < rows.length) {
      set({
        error: `Ferry applies a whole plan: ${rows.length - s.checked.size} row(s) unchecked. Check all (a) or go back (Esc).`,
      });
      return;
    }
    if (!s.context) return;
    set({ step: "applying", error: null });
    client.discover.applyPlan
      .mutate({ ...kube, contexts: [s.context] })
      .then((report) => set({ step: "done", report }))
      .catch((err: unknown) => set({ step: "plan", error: errorText(err) }));
  };

  useInput((input, key) => {
    if (s.step === "planning" || s.step === "applying") return;
    if (key.escape || input === "q") {
      if (s.step === "plan") return set({ step: "contexts", report: null, error: null, cursor: 0 });
      return close();
    }
    if (s.step === "done") return close();
    const count = s.step === "contexts" ? s.contexts.length : (s.report?.rows.length ?? 0);
    if (key.upArrow || input === "k") return set({ cursor: Math.max(0, s.cursor - 1) });
    if (key.downArrow || input === "j")
      return set({ cursor: Math.max(0, Math.min(count - 1, s.cursor + 1)) });
    if (s.step === "contexts") {
      const context = s.contexts[s.cursor];
      if (key.return && context) plan(context);
      return;
    }
    if (input === " ") {
      const checked = new Set(s.checked);
      if (!checked.delete(s.cursor)) checked.add(s.cursor);
      return set({ checked, error: null });
    }
    if (input === "a") {
      const all = s.checked.size === count;
      return set({ checked: new Set(all ? [] : [...Array(count).keys()]), error: null });
    }
    if (key.return) apply();
  });

  return s;
}
