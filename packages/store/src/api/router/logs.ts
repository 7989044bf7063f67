import { existsSync } from "node:fs";
import {
  curlCommand,
  type HttpExchangeDetail,
  type HttpExchangeSummary,
  httpLogFile,
  readExchanges,
  replayExchange,
} from "@ferry/http-log";
import * as z from "zod";
import { isActive } from "../../client/forwardState.ts";
import { ApiError } from "../apiError.ts";
import type { ForwardRow } from "../contextTypes.ts";
import { eventStream } from "../eventStream.ts";
import { IdOrAliasSchema } from "../inputs.ts";
import { type ApiContext, createTRPCRouter, procedure } from "../trpc.ts";

// HTTP logs (issue 17, CONTRACT C). Everything read here is as the file holds it: redacted when
// it was written.

/** The forward's row: its local address and the port its log file is named after. */
function forwardOf(ctx: ApiContext, ref: number | string): ForwardRow {
  const config = ctx.store.get(ref);
  return ctx.runtime.status().find((r) => r.id === config.id) as ForwardRow;
}

async function exchange(ctx: ApiContext, ref: number | string, traceId: string) {
  const row = forwardOf(ctx, ref);
  const all = await readExchanges(ctx.home, row.id, row.localPort ?? 0);
  const found = all.find((e) => e.traceId === traceId);
  if (!found)
    throw new ApiError(
      "TRACE_NOT_FOUND",
      `no exchange with trace id ${traceId} in the HTTP log of "${row.alias}"; \`ferry logs http ${row.alias}\` lists them`,
    );
  return { row, found };
}

const TraceSchema = z.object({ ref: IdOrAliasSchema, traceId: z.string().trim().min(1) });

export const logsRouter = createTRPCRouter({
  /** The forward's logged exchanges, oldest first (rotated files too); bodies "" unless asked. */
  http: procedure
    .input(
      z.object({
        ref: IdOrAliasSchema,
        since: z.number().nonnegative().optional(),
        limit: z.number().int().nonnegative().optional(),
        bodies: z.boolean().optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<HttpExchangeDetail[]> => {
      const row = forwardOf(ctx, input.ref);
      const list = await readExchanges(ctx.home, row.id, row.localPort ?? 0, {
        since: input.since,
        limit: input.limit,
      });
      return input.bodies ? list : list.map((e) => ({ ...e, requestBody: "", responseBody: "" }));
    }),
  /** Each exchange as it is logged: of one forward, or of all when `ref` is absent. */
  follow: procedure
    .input(z.object({ ref: IdOrAliasSchema.optional() }).optional())
    .subscription(({ ctx, input, signal }) => {
      const id = input?.ref === undefined ? null : ctx.store.get(input.ref).id;
      return eventStream<HttpExchangeSummary>(
        (listener) =>
          ctx.runtime.onHttp((e) => {
            if (id === null || e.configId === id) listener(e);
          }),
        signal,
      );
    }),
  /** The exchange as a curl command against the forward's local address and port. */
  curl: procedure.input(TraceSchema).query(async ({ ctx, input }) => {
    const { row, found } = await exchange(ctx, input.ref, input.traceId);
    return { command: curlCommand(found, { host: row.localAddress, port: row.localPort ?? 0 }) };
  }),
  /** Sends the request again through the forward's own local port (logged as a new exchange). */
  replay: procedure.input(TraceSchema).mutation(async ({ ctx, input }) => {
    const { row, found } = await exchange(ctx, input.ref, input.traceId);
    if (!isActive(row.state) || row.localPort === null)
      throw new ApiError(
        "FORWARD_NOT_RUNNING",
        `"${row.alias}" is ${row.state}; a replay goes through its local port: start it first (ferry start ${row.alias})`,
      );
    return replayExchange(found, { host: row.localAddress, port: row.localPort });
  }),
  /** The forward's current log file, or null when it has none yet. */
  file: procedure.input(z.object({ ref: IdOrAliasSchema })).query(({ ctx, input }) => {
    const row = forwardOf(ctx, input.ref);
    const path = httpLogFile(ctx.home, row.id, row.localPort ?? 0);
    return { path: existsSync(path) ? path : null };
  }),
});
