import * as z from "zod";
import { KubeNamespaceSchema, KubeTargetSchema } from "../inputs.ts";
import { createTRPCRouter, procedure } from "../trpc.ts";

export const kubeRouter = createTRPCRouter({
  contexts: procedure
    .input(z.object({ kubeconfig: z.string().nullish() }).optional())
    .query(({ ctx, input }) => ctx.kube.contexts(input?.kubeconfig)),
  namespaces: procedure
    .input(KubeTargetSchema)
    .query(({ ctx, input }) => ctx.kube.namespaces(input)),
  services: procedure
    .input(KubeNamespaceSchema)
    .query(({ ctx, input }) => ctx.kube.services(input)),
  pods: procedure
    .input(KubeNamespaceSchema.extend({ labelSelector: z.string().optional() }))
    .query(({ ctx, input }) => ctx.kube.pods(input)),
  ports: procedure
    .input(
      KubeNamespaceSchema.extend({
        service: z.string().optional(),
        labelSelector: z.string().optional(),
      }),
    )
    .query(({ ctx, input }) => ctx.kube.ports(input)),
});
