import * as z from "zod";
import type { ForwardUpdate } from "../contextTypes.ts";
import { eventStream } from "../eventStream.ts";
import { ForwardSelectorSchema, IdOrAliasSchema } from "../inputs.ts";
import { createTRPCRouter, procedure } from "../trpc.ts";

export const forwardsRouter = createTRPCRouter({
  start: procedure
    .input(ForwardSelectorSchema)
    .mutation(({ ctx, input }) => ctx.runtime.start(input)),
  stop: procedure
    .input(ForwardSelectorSchema)
    .mutation(({ ctx, input }) => ctx.runtime.stop(input)),
  startAll: procedure
    .input(z.object({ context: z.string().trim().min(1).optional() }).optional())
    .mutation(({ ctx, input }) => ctx.runtime.start({ all: true, context: input?.context })),
  stopAll: procedure.mutation(({ ctx }) => ctx.runtime.stop({ all: true })),
  status: procedure.query(({ ctx }) => ctx.runtime.status()),
  /** One forward's last 50 state changes and log lines since this daemon started, oldest first. */
  history: procedure
    .input(IdOrAliasSchema)
    .query(({ ctx, input }) => ctx.runtime.history(ctx.store.get(input).id)),
  /**
   * Every forward's changes as whole rows (`forwards.status`'s type): state changes, per-second
   * traffic samples and log lines.
   */
  events: procedure.subscription(({ ctx, signal }) =>
    eventStream<ForwardUpdate>(ctx.runtime.subscribe, signal),
  ),
});
