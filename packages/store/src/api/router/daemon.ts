import { createTRPCRouter, procedure } from "../trpc.ts";

export const daemonRouter = createTRPCRouter({
  info: procedure.query(({ ctx }) => ctx.daemon.info()),
  /** Replies, then stops every forward, deletes relay pods and exits. */
  shutdown: procedure.mutation(({ ctx }) => {
    ctx.daemon.shutdown();
    return { stopping: true };
  }),
});
