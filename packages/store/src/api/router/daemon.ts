import * as z from "zod";
import { createTRPCRouter, procedure } from "../trpc.ts";

export const daemonRouter = createTRPCRouter({
  info: procedure.query(({ ctx }) => ctx.daemon.info()),
  /** Replies, then stops every forward, deletes relay pods and exits. */
  shutdown: procedure.mutation(({ ctx }) => {
    ctx.daemon.shutdown();
    return { stopping: true };
  }),
  /**
   * A client of another version takes over (issue 20): this daemon records its running forwards
   * as desired state, replies with them, and stops; the caller starts its own ferryd, which
   * restores them.
   */
  handOver: procedure
    .input(z.object({ version: z.string().trim().min(1).max(64) }))
    .mutation(({ ctx, input }) => ctx.daemon.handOver(input.version)),
});
