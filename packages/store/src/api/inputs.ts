import * as z from "zod";
import { SettingKeySchema, SettingValueSchema } from "../schema/settings.ts";

// The API's own input shapes. Configs themselves are validated by the store's ConfigInputSchema,
// so a config refused here is refused with the same words as in `ferry config import`.

export const IdOrAliasSchema = z.union([z.number().int().positive(), z.string().trim().min(1)], {
  error: "expected a config id or alias",
});

export const ForwardSelectorSchema = z
  .object({
    ids: z.array(z.number().int().positive()).optional(),
    aliases: z.array(z.string().trim().min(1)).optional(),
    group: z.string().trim().min(1).optional(),
    context: z.string().trim().min(1).optional(),
    all: z.boolean().optional(),
  })
  .refine(
    (s) =>
      s.all === true ||
      (s.ids?.length ?? 0) > 0 ||
      (s.aliases?.length ?? 0) > 0 ||
      s.group !== undefined ||
      s.context !== undefined,
    {
      error: "name at least one forward: ids, aliases, group, context or all",
    },
  );

export const KubeTargetSchema = z.object({
  kubeconfig: z.string().nullish(),
  context: z.string().nullish(),
});
export const KubeNamespaceSchema = KubeTargetSchema.extend({ namespace: z.string().trim().min(1) });

export const SettingSetSchema = z.object({ key: SettingKeySchema, value: SettingValueSchema });
