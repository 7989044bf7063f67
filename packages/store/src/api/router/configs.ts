import * as z from "zod";
import { ConfigInputSchema, ConfigPatchSchema } from "../../schema/config.ts";
import { IdOrAliasSchema } from "../inputs.ts";
import { createTRPCRouter, procedure } from "../trpc.ts";

// Config inputs are checked here with the shared schema (refused as INVALID_CONFIG with the
// store's words, see trpc.ts); the store validates again what it writes.

export const configsRouter = createTRPCRouter({
  list: procedure.query(({ ctx }) => ctx.store.list()),
  get: procedure.input(IdOrAliasSchema).query(({ ctx, input }) => ctx.store.get(input)),
  create: procedure.input(ConfigInputSchema).mutation(({ ctx, input }) => ctx.store.create(input)),
  update: procedure
    .input(z.object({ id: IdOrAliasSchema, patch: ConfigPatchSchema }))
    .mutation(({ ctx, input }) => ctx.store.update(input.id, input.patch)),
  delete: procedure.input(z.array(IdOrAliasSchema).min(1)).mutation(async ({ ctx, input }) => {
    const configs = input.map((id) => ctx.store.get(id));
    await ctx.runtime.stop({ ids: configs.map((c) => c.id) });
    return ctx.store.remove(configs.map((c) => c.id));
  }),
  import: procedure
    .input(
      z.object({
        text: z.string(),
        dryRun: z.boolean().optional(),
        kubeconfig: z.string().optional(),
        context: z.string().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { text, ...options } = input;
      return ctx.store.import(text, options);
    }),
  export: procedure.query(({ ctx }) => ctx.store.export()),
});
