import { readFileSync } from "node:fs";
import type { ConfigEvents, Runtime } from "../api/contextTypes.ts";
import { isActive } from "../client/forwardState.ts";
import type { ConfigStore } from "../configs/configStore.ts";
import type { DiscoverApplyInput, DiscoverPlanInput } from "../discovery/discoverInput.ts";
import {
  type DiscoverReport,
  type DiscoveryEvent,
  eventsOf,
  summarize,
} from "../discovery/discoverReport.ts";
import {
  type Gathered,
  gatherCandidates,
  type ScanContext,
} from "../discovery/gatherCandidates.ts";
import { scanContext } from "../discovery/kubeObjects.ts";
import { planDiscovery } from "../discovery/planDiscovery.ts";

/** Whether this process may bind ports below 1024 (root, or a lowered unprivileged start). */
export function canBindBelow1024(): boolean {
  if (process.getuid?.() === 0) return true;
  try {
    return Number(readFileSync("/proc/sys/net/ipv4/ip_unprivileged_port_start", "utf8")) <= 1;
  } catch {
    return false;
  }
}

export interface DiscoveryService {
  plan(input: DiscoverPlanInput): Promise<DiscoverReport>;
  apply(input: DiscoverApplyInput, trigger?: DiscoveryEvent["trigger"]): Promise<DiscoverReport>;
  /** Applies what was already gathered (the live watch brings its own objects). */
  applyGathered(
    gathered: Gathered,
    input: DiscoverApplyInput,
    trigger: DiscoveryEvent["trigger"],
  ): Promise<DiscoverReport>;
  subscribe(listener: (event: DiscoveryEvent) => void): () => void;
}

/**
 * `discover.plan` / `discover.apply`: gather from the clusters (no lock held), then plan and write
 * in one queued write (one transaction), stopping the forwards of configs it removes first.
 */
export function createDiscoveryService(deps: {
  store: ConfigStore;
  runtime: Runtime;
  write<T>(fn: () => T | Promise<T>): Promise<T>;
  configEvents: ConfigEvents;
  scan?: ScanContext;
}): DiscoveryService {
  const { store, runtime, write, configEvents } = deps;
  const listeners = new Set<(event: DiscoveryEvent) => void>();
  const planner =
    (gathered: Gathered, input: DiscoverPlanInput) =>
    (snapshot: Parameters<Parameters<ConfigStore["discovery"]["run"]>[0]>[0]) =>
      planDiscovery({
        ...gathered,
        ...snapshot,
        prune: input.prune,
        domain: input.domain,
        loopback: input.loopback,
        canBindBelow1024: canBindBelow1024(),
      });
  const report = (
    gathered: Gathered,
    rows: DiscoverReport["rows"],
    dryRun: boolean,
  ): DiscoverReport => ({
    dryRun,
    rows,
    problems: gathered.problems,
    notes: gathered.notes,
    summary: summarize(rows),
    started: [],
  });

  const applyGathered: DiscoveryService["applyGathered"] = (gathered, input, trigger) =>
    write(async () => {
      const plan = planner(gathered, input);
      const preview = store.discovery.run(plan, true);
      if (input.dryRun) return report(gathered, preview, true);
      const removed = preview.filter((r) => r.action === "remove").map((r) => r.id as number);
      if (removed.length > 0) await runtime.stop({ ids: removed });
      const rows = store.discovery.run(plan, false);
      const ids = (action: string) =>
        rows.filter((r) => r.action === action).map((r) => r.id as number);
      if (ids("add").length + ids("update").length + ids("remove").length > 0)
        configEvents.publish({
          created: ids("add"),
          updated: ids("update"),
          deleted: ids("remove"),
        });
      // A running forward whose config discovery changed runs the new config from now on.
      const running = new Set(
        runtime
          .status()
          .filter((r) => isActive(r.state))
          .map((r) => r.id),
      );
      const restart = ids("update").filter((id) => running.has(id));
      if (restart.length > 0) {
        await runtime.stop({ ids: restart });
        await runtime.start({ ids: restart });
      }
      for (const event of eventsOf(rows, trigger))
        for (const listener of listeners) listener(event);
      const done = report(gathered, rows, false);
      const startIds = rows
        .filter((r) => ["add", "update", "unchanged", "kept-local-change"].includes(r.action))
        .map((r) => r.id as number);
      if (input.start && startIds.length > 0) done.started = await runtime.start({ ids: startIds });
      return done;
    });

  return {
    async plan(input) {
      const gathered = await gatherCandidates(input, deps.scan ?? scanContext);
      return report(gathered, store.discovery.run(planner(gathered, input), true), true);
    },
    async apply(input, trigger = "apply") {
      const gathered = await gatherCandidates(input, deps.scan ?? scanContext);
      return applyGathered(gathered, input, trigger);
    },
    applyGathered,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
