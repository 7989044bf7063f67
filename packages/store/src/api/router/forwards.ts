import { EventEmitter, on } from "node:events";
import * as z from "zod";
import type { ForwardUpdate } from "../contextTypes.ts";
import { ForwardSelectorSchema } from "../inputs.ts";
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
  /**
   * Every forward's changes as whole rows (`forwards.status`'s type): state changes, per-second
   * traffic samples and log lines.
   */
  events: procedure.subscription(async function* ({ ctx, signal }) {
    const bus = new EventEmitter();
    const unsubscribe = ctx.runtime.subscribe((update) => bus.emit("update", update));
    try {
      for await (const [update] of on(bus, "update", { signal })) yield update as ForwardUpdate;
    } finally {
      unsubscribe();
    }
  }),
});
