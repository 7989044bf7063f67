import * as z from "zod";
import { updateConfig } from "../../daemon/configUpdate.ts";
import { ConfigInputSchema, ConfigPatchSchema } from "../../schema/config.ts";
import type { ConfigChange } from "../contextTypes.ts";
import { eventStream } from "../eventStream.ts";
import { IdOrAliasSchema } from "../inputs.ts";
import { createTRPCRouter, procedure } from "../trpc.ts";
import { withSyncFlags } from "./withSyncFlags.ts";

// Config inputs are checked here with the shared schema (refused as INVALID_CONFIG with the
// store's words, see trpc.ts); the store validates again what it writes.

export const configsRouter = createTRPCRouter({
  /** Each config with its sync fields: source, localChange, upstreamDeleted (issue 19). */
  list: procedure.query(({ ctx }) => withSyncFlags(ctx.store, ctx.store.list())),
  get: procedure
    .input(IdOrAliasSchema)
    .query(({ ctx, input }) => withSyncFlags(ctx.store, [ctx.store.get(input)])[0]!),
  create: procedure.input(ConfigInputSchema).mutation(({ ctx, input }) =>
    ctx.write(() => {
      const config = ctx.store.create(input);
      ctx.configEvents.publish({ created: [config.id], updated: [], deleted: [] });
      return config;
    }),
  ),
  update: procedure
    .input(z.object({ id: IdOrAliasSchema, patch: ConfigPatchSchema }))
    .mutation(({ ctx, input }) =>
      ctx.write(() => {
        const config = updateConfig(ctx.store, ctx.runtime, input.id, input.patch);
        ctx.configEvents.publish({ created: [], updated: [config.id], deleted: [] });
        return config;
      }),
    ),
  delete: procedure.input(z.array(IdOrAliasSchema).min(1)).mutation(({ ctx, input }) =>
    ctx.write(async () => {
      const configs = input.map((id) => ctx.store.get(id));
      await ctx.runtime.stop({ ids: configs.map((c) => c.id) });
      const removed = ctx.store.remove(configs.map((c) => c.id));
      ctx.configEvents.publish({ created: [], updated: [], deleted: removed.map((c) => c.id) });
      return removed;
    }),
  ),
  /** The file's text, or its `path` for ferryd to read (files over the 64 MiB body limit). */
  import: procedure
    .input(
      z
        .object({
          text: z.string().optional(),
          path: z.string().min(1).optional(),
          /** A file name for messages when `text` came from a file. */
          source: z.string().optional(),
          dryRun: z.boolean().optional(),
          kubeconfig: z.string().optional(),
          context: z.string().optional(),
        })
        .refine((i) => (i.text === undefined) !== (i.path === undefined), {
          error: "give either text or path",
        }),
    )
    .mutation(({ ctx, input }) => {
      const { text, path, ...options } = input;
      return ctx.write(async () => {
        const report = await ctx.importConfigs({ text, path, options });
        const ids = (items: { id: number }[]) => items.map((i) => i.id);
        if (!report.dryRun && report.added.length + report.updated.length > 0)
          ctx.configEvents.publish({
            created: ids(report.added),
            updated: ids(report.updated),
            deleted: [],
          });
        return report;
      });
    }),
  /** What each create, update, delete and import changed, as it happens (for UIs' lists). */
  changes: procedure.subscription(({ ctx, signal }) =>
    eventStream<ConfigChange>(ctx.configEvents.subscribe, signal),
  ),
  export: procedure.query(({ ctx }) => ctx.store.export()),
});
