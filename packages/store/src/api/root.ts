import { configsRouter } from "./router/configs.ts";
import { daemonRouter } from "./router/daemon.ts";
import { discoverRouter } from "./router/discover.ts";
import { forwardsRouter } from "./router/forwards.ts";
import { kubeRouter } from "./router/kube.ts";
import { logsRouter } from "./router/logs.ts";
import { settingsRouter } from "./router/settings.ts";
import { syncRouter } from "./router/sync.ts";
import { createTRPCRouter } from "./trpc.ts";

export const appRouter = createTRPCRouter({
  configs: configsRouter,
  forwards: forwardsRouter,
  kube: kubeRouter,
  settings: settingsRouter,
  discover: discoverRouter,
  sync: syncRouter,
  logs: logsRouter,
  daemon: daemonRouter,
});

export type AppRouter = typeof appRouter;
