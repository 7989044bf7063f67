import * as z from "zod";

// What `discover.plan` and `discover.apply` take (browser-safe: the client exports it).

export const DiscoverPlanInputSchema = z
  .object({
    /** Contexts to look in; default the kubeconfig's current one. */
    contexts: z.array(z.string().trim().min(1)).optional(),
    /** Every context of the kubeconfig (one that cannot be reached is a problem, not a failure). */
    allContexts: z.boolean().optional(),
    kubeconfig: z.string().trim().min(1).optional(),
    /** One namespace; default all (falling back to those the user may list). */
    namespace: z.string().trim().min(1).optional(),
    /** Also every Service port without an annotation, each Service its own 127.0.0.x (needs namespace). */
    allServices: z.boolean().optional(),
    /** Set domain_enabled: the alias becomes a host name in the hosts file while running. */
    domain: z.boolean().optional(),
    /** Each Service or workload its own 127.0.0.x (free, stable across runs). */
    loopback: z.boolean().optional(),
    /** Remove discovered configs whose annotation or object is gone (never the user's own). */
    prune: z.boolean().optional(),
  })
  .refine((i) => !i.allServices || i.namespace !== undefined, {
    error: "allServices takes one namespace: give namespace too",
    path: ["namespace"],
  })
  .refine((i) => !(i.allContexts && i.contexts?.length), {
    error: "give contexts or allContexts, not both",
    path: ["contexts"],
  });

export const DiscoverApplyInputSchema = DiscoverPlanInputSchema.and(
  z.object({
    /** Plan only; write nothing (the same as `discover.plan`). */
    dryRun: z.boolean().optional(),
    /** Start every discovered config afterwards (added, updated, unchanged, kept). */
    start: z.boolean().optional(),
  }),
);

export type DiscoverPlanInput = z.infer<typeof DiscoverPlanInputSchema>;
export type DiscoverApplyInput = z.infer<typeof DiscoverApplyInputSchema>;
