import type { HttpExchangeDetail, HttpExchangeSummary } from "@ferry/http-log";
import { FerryError } from "../schema/ferryError.ts";
import type { FakeCall } from "./fakeKube.ts";

type Follower = { ref?: number; l: { onData?: (e: HttpExchangeSummary) => void } };

/** A fake daemon's HTTP logs: exchanges per config id, `logs.*` over them, followers told. */
export class FakeHttpLog {
  /** Logged exchanges per config id, oldest first. */
  readonly exchanges = new Map<number, HttpExchangeDetail[]>();
  readonly #followers = new Set<Follower>();

  /** How many `logs.follow` subscriptions are open (a test waits for the app's). */
  get followers() {
    return this.#followers.size;
  }

  /** Stores one exchange and tells the followers of its forward (and of every forward). */
  add(e: HttpExchangeDetail): void {
    this.exchanges.set(e.configId, [...(this.exchanges.get(e.configId) ?? []), e]);
    for (const { ref, l } of this.#followers)
      if (ref === undefined || ref === e.configId) l.onData?.(e);
  }

  /** `logs.*`; `log` is how the daemon logs a replay (counting it on the row, say). */
  router(call: FakeCall, log: (e: HttpExchangeDetail) => void) {
    const list = (ref: number) => this.exchanges.get(ref) ?? [];
    return {
      http: {
        query: call("httpLog", (q: { ref: number; since?: number; bodies?: boolean }) =>
          list(q.ref)
            .filter((e) => q.since === undefined || e.requestAt >= q.since)
            .map((e) => (q.bodies ? e : { ...e, requestBody: "", responseBody: "" })),
        ),
      },
      follow: {
        subscribe: (i: { ref?: number } | undefined, l: Follower["l"]) => {
          const entry = { ...(i?.ref === undefined ? {} : { ref: i.ref }), l };
          this.#followers.add(entry);
          return { unsubscribe: () => this.#followers.delete(entry) };
        },
      },
      replay: {
        mutate: call("replay", ({ ref, traceId }: { ref: number; traceId: string }) => {
          const e = list(ref).find((x) => x.traceId === traceId);
          if (!e) throw new FerryError("NOT_FOUND", `no exchange ${traceId}`);
          // As the daemon: the replay goes through the forward and is logged as a new exchange.
          log({ ...e, traceId: `${traceId}-replay`, requestAt: Date.now() });
          return { status: e.status ?? 0, durationMs: 3 };
        }),
      },
      file: { query: call("httpLogFile", () => ({ path: null })) },
    };
  }
}
