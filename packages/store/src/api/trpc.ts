import { initTRPC, TRPCError } from "@trpc/server";
import * as z from "zod";
import type { ConfigStore } from "../configs/configStore.ts";
import type { ImportReport } from "../configs/importReport.ts";
import type { DiscoveryService } from "../daemon/discoveryService.ts";
import type { LiveDiscovery } from "../daemon/liveDiscovery.ts";
import type { DaemonRuntime } from "../daemon/runtime.ts";
import type { SyncService } from "../daemon/syncService.ts";
import { formatIssues, issueLines } from "../schema/formatIssues.ts";
import { codedError } from "./apiError.ts";
import type { ConfigEvents, DaemonControl, ImportRequest, KubeBrowser } from "./contextTypes.ts";
import { BODY_TOO_LARGE_MESSAGE } from "./limits.ts";

/** What every procedure can reach. Built once per daemon; requests share it. */
export interface ApiContext {
  home: string;
  store: ConfigStore;
  runtime: DaemonRuntime;
  kube: KubeBrowser;
  daemon: DaemonControl;
  /** Every database write goes through it, one at a time (see daemon/writeQueue.ts). */
  write<T>(fn: () => T | Promise<T>): Promise<T>;
  /** Runs an import off the event loop when it is large (see daemon/importJob.ts). */
  importConfigs(request: ImportRequest): Promise<ImportReport>;
  /** Tells `configs.changes` subscribers what a write changed. */
  configEvents: ConfigEvents;
  /** `discover.*`: plans and applies discovery (see daemon/discoveryService.ts). */
  discovery: DiscoveryService;
  /** Watches per context for live discovery; `reload` after its setting changes. */
  liveDiscovery: LiveDiscovery;
  /** `sync.*`: git sync sources, syncs and pushes (see daemon/syncService.ts). */
  sync: SyncService;
}

/** HTTP status family for each stable code; anything unknown is a 400 with its own code. */
const TRPC_CODE: Record<string, TRPCError["code"]> = {
  NOT_FOUND: "NOT_FOUND",
  INVALID_CONFIG: "BAD_REQUEST",
  INVALID_JSON: "BAD_REQUEST",
  INVALID_INPUT: "BAD_REQUEST",
  INVALID_SETTING: "BAD_REQUEST",
  ALIAS_TAKEN: "CONFLICT",
  SOURCE_TAKEN: "CONFLICT",
  PORT_IN_USE: "CONFLICT",
  HTTP_LOG_UNSUPPORTED: "BAD_REQUEST",
  HTTP_LOG_INVALID_SETTING: "BAD_REQUEST",
  TRACE_NOT_FOUND: "NOT_FOUND",
  FORWARD_NOT_RUNNING: "CONFLICT",
  BODY_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  DATABASE_BUSY: "TIMEOUT",
  SHUTTING_DOWN: "SERVICE_UNAVAILABLE",
  ENGINE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

const t = initTRPC.context<ApiContext>().create({
  isDev: false,
  errorFormatter({ shape, error, path }) {
    const coded = codedError(error.cause);
    if (error.cause instanceof z.ZodError) {
      const issues = formatIssues(error.cause);
      // A config refused at the edge reads as the store's own refusal would.
      const config = path === "configs.create" || path === "configs.update";
      const paths = config
        ? issues.map((i) => ({ ...i, path: i.path.replace(/^patch\./, "") }))
        : issues;
      // A log size or retention of 0 or less is the HTTP log's refusal (CONTRACT C).
      const logLimit =
        config &&
        paths.length > 0 &&
        paths.every((i) => /^http_logs_(max_file_size|retention_days)$/.test(i.path));
      return {
        ...shape,
        message: `${config ? "invalid config" : "invalid input"}:\n${issueLines(paths)}`,
        data: {
          ...shape.data,
          ferryCode: logLimit
            ? "HTTP_LOG_INVALID_SETTING"
            : config
              ? "INVALID_CONFIG"
              : "INVALID_INPUT",
          issues: paths,
        },
      };
    }
    if (error.code === "PAYLOAD_TOO_LARGE") {
      // tRPC's own refusal of a body over maxBodySize (one sent without a Content-Length).
      return {
        ...shape,
        message: BODY_TOO_LARGE_MESSAGE,
        data: { ...shape.data, ferryCode: "BODY_TOO_LARGE", issues: [] },
      };
    }
    return {
      ...shape,
      data: {
        ...shape.data,
        ferryCode:
          coded?.code ?? (error.code === "INTERNAL_SERVER_ERROR" ? "INTERNAL" : error.code),
        issues: Array.isArray(coded?.issues) ? coded.issues : [],
      },
    };
  },
});

/** Turns a thrown FerryError/ApiError into a TRPCError that keeps its code and message. */
const codedErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const coded = codedError(result.error.cause);
    if (coded && result.error.code === "INTERNAL_SERVER_ERROR") {
      result.error = new TRPCError({
        code: TRPC_CODE[coded.code] ?? "BAD_REQUEST",
        message: coded.message,
        cause: result.error.cause,
      });
    }
  }
  return result;
});

export const createTRPCRouter = t.router;
export const procedure = t.procedure.use(codedErrors);
