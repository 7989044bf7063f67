import { LIVE_SETTING } from "../../discovery/liveSettings.ts";
import { SettingKeySchema } from "../../schema/settings.ts";
import { SettingSetSchema } from "../inputs.ts";
import { createTRPCRouter, procedure } from "../trpc.ts";
import { checkLiveSetting } from "./liveSettingCheck.ts";

export const settingsRouter = createTRPCRouter({
  all: procedure.query(({ ctx }) => ctx.store.settings.all()),
  get: procedure
    .input(SettingKeySchema)
    .query(({ ctx, input }) => ctx.store.settings.get(input) ?? null),
  set: procedure.input(SettingSetSchema).mutation(async ({ ctx, input }) => {
    if (input.key === LIVE_SETTING)
      await checkLiveSetting(input.value, ctx.store.settings.get(LIVE_SETTING));
    return ctx.write(() => {
      ctx.store.settings.set(input.key, input.value);
      if (input.key === LIVE_SETTING) ctx.liveDiscovery.reload();
      return ctx.store.settings.all();
    });
  }),
  delete: procedure.input(SettingKeySchema).mutation(({ ctx, input }) =>
    ctx.write(() => {
      ctx.store.settings.delete(input);
      if (input === LIVE_SETTING) ctx.liveDiscovery.reload();
      return ctx.store.settings.all();
    }),
  ),
});
