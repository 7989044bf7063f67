import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "../api/root.ts";

export type { AppRouter };
/** What each procedure takes, e.g. `RouterInputs["configs"]["create"]`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** What each procedure returns, e.g. `RouterOutputs["forwards"]["status"]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
