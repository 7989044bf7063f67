import * as z from "zod";
import { SETTING_KEYS } from "../client/settingKeys.ts";

/** The setting that holds live discovery, per context (context names need not be setting keys). */
export const LIVE_SETTING = SETTING_KEYS.discoverLive;

export const LiveContextSchema = z.object({
  /** "Watch for annotated services": off by default. */
  watch: z.boolean(),
  /** Remove a discovered config when its annotation or object goes; else flag it "source gone". */
  prune: z.boolean().optional(),
  kubeconfig: z.string().trim().min(1).nullish(),
  /** One namespace; default all. */
  namespace: z.string().trim().min(1).nullish(),
});
export type LiveContext = z.infer<typeof LiveContextSchema>;

export const SetLiveInputSchema = LiveContextSchema.extend({ context: z.string().trim().min(1) });

/** The stored setting, read leniently: an entry that does not parse is off. */
export function liveContexts(value: unknown): Record<string, LiveContext> {
  const out: Record<string, LiveContext> = {};
  if (value === null || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [context, entry] of Object.entries(value)) {
    const parsed = LiveContextSchema.safeParse(entry);
    if (parsed.success) out[context] = parsed.data;
  }
  return out;
}
