import { EventEmitter, on } from "node:events";
import type { ForwardEvent } from "@ferry/core";
import * as z from "zod";
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
  /** State changes (`status`), per-second `traffic` samples and `log` lines of every forward. */
  events: procedure.subscription(async function* ({ ctx, signal }) {
    const bus = new EventEmitter();
    const unsubscribe = ctx.runtime.subscribe((event) => bus.emit("event", event));
    try {
      for await (const [event] of on(bus, "event", { signal })) yield event as ForwardEvent;
    } finally {
      unsubscribe();
    }
  }),
});
