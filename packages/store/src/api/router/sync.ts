import * as z from "zod";
import type { SyncSource } from "../../sync/syncTypes.ts";
import { SyncSourceInputSchema } from "../../sync/syncTypes.ts";
import { eventStream } from "../eventStream.ts";
import { createTRPCRouter, procedure } from "../trpc.ts";

const name = z.string().trim().min(1, { error: "expected a sync source name" });

// Git sync (issue 19). No input or output here holds a token: sources name where one comes from.
export const syncRouter = createTRPCRouter({
  /** Fetches and checks the source, stores it and applies it (its first sync); refusals change nothing. */
  add: procedure.input(SyncSourceInputSchema).mutation(({ ctx, input }) => ctx.sync.add(input)),
  /** Every source with its status: last sync, last commit, last error and report, next sync. */
  list: procedure.query(({ ctx }) => ctx.sync.list()),
  /** Removes the source and its configs (stopped first), or with keepConfigs makes them the user's own. */
  remove: procedure
    .input(z.object({ name, keepConfigs: z.boolean().optional() }))
    .mutation(({ ctx, input }) => ctx.sync.remove(input.name, input.keepConfigs === true)),
  /** Syncs one source, or all when no name is given; `force` resets local changes. */
  now: procedure
    .input(z.object({ name: name.optional(), force: z.boolean().optional() }).optional())
    .mutation(({ ctx, input }) => ctx.sync.now(input?.name, input?.force === true)),
  /** Commits the source's configs (or, with all, the user's own too) and pushes; never forced. */
  push: procedure
    .input(
      z.object({ name, message: z.string().trim().min(1).optional(), all: z.boolean().optional() }),
    )
    .mutation(({ ctx, input }) => ctx.sync.push(input.name, input.message, input.all)),
  /** A source's whole row whenever its status changes (sync started, ended, failed). */
  events: procedure.subscription(({ ctx, signal }) =>
    eventStream<SyncSource>(ctx.sync.subscribe, signal),
  ),
});
