import { kubeApiFor } from "../../daemon/kubeBrowser.ts";
import {
  DiscoverApplyInputSchema,
  DiscoverPlanInputSchema,
} from "../../discovery/discoverInput.ts";
import type { DiscoveryEvent } from "../../discovery/discoverReport.ts";
import { LIVE_SETTING, liveContexts, SetLiveInputSchema } from "../../discovery/liveSettings.ts";
import { eventStream } from "../eventStream.ts";
import { createTRPCRouter, procedure } from "../trpc.ts";

export const discoverRouter = createTRPCRouter({
  /** What discovery would do: rows with actions and reasons, problems, notes. Writes nothing. */
  plan: procedure
    .input(DiscoverPlanInputSchema)
    .query(({ ctx, input }) => ctx.discovery.plan(input)),
  /**
   * Plans and applies in one transaction (nothing on dryRun); `start` starts what it found.
   * (`apply` is a name tRPC reserves, hence applyPlan.)
   */
  applyPlan: procedure
    .input(DiscoverApplyInputSchema)
    .mutation(({ ctx, input }) => ctx.discovery.apply(input)),
  /** Configs discovery added: id, alias, origin, edited, sourceGone. */
  discovered: procedure.query(({ ctx }) => {
    const aliases = new Map(ctx.store.list().map((c) => [c.id, c.alias]));
    return ctx.store.discovery.records().map((r) => ({ ...r, alias: aliases.get(r.id) ?? "" }));
  }),
  /** Live discovery per context: `{ [context]: { watch, prune?, kubeconfig?, namespace? } }`. */
  live: procedure.query(({ ctx }) => liveContexts(ctx.store.settings.get(LIVE_SETTING))),
  /**
   * Turns "watch for annotated services" on or off for one context (and its prune). Turning it
   * on first reads the kubeconfig as the watch will: a context it lacks (a typo) or an unreadable
   * file is refused here (UNKNOWN_CONTEXT, KUBECONFIG_UNREADABLE) and nothing is saved, rather
   * than said "on" while the watch fails unseen in daemon.log. Off needs no cluster.
   */
  setLive: procedure.input(SetLiveInputSchema).mutation(async ({ ctx, input }) => {
    if (input.watch)
      await kubeApiFor({ kubeconfig: input.kubeconfig ?? null, context: input.context });
    return ctx.write(() => {
      const { context, ...settings } = input;
      const all = { ...liveContexts(ctx.store.settings.get(LIVE_SETTING)), [context]: settings };
      ctx.store.settings.set(LIVE_SETTING, all);
      ctx.liveDiscovery.reload();
      return all;
    });
  }),
  /** Every change discovery makes, on demand or live: "added db from backend/postgres". */
  events: procedure.subscription(({ ctx, signal }) =>
    eventStream<DiscoveryEvent>(ctx.discovery.subscribe, signal),
  ),
});
