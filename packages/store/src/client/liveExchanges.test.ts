import type { HttpExchangeSummary } from "@ferry/http-log";
import { describe, expect, it } from "vitest";
import { liveExchanges } from "./liveExchanges.ts";

const exchange = (traceId: string, requestAt = 1): HttpExchangeSummary => ({
  traceId,
  configId: 1,
  requestAt,
  responseAt: null,
  durationMs: null,
  method: "GET",
  url: `/${traceId}`,
  status: 200,
  requestBytes: 0,
  responseBytes: 0,
});

/** A stand-in for the client's `logs`: the history read resolves when the test says so. */
function fakeLogs(history: HttpExchangeSummary[] | Error) {
  const calls: { follow: unknown[]; http: unknown[] } = { follow: [], http: [] };
  let push: (e: HttpExchangeSummary) => void = () => {};
  let failFollow: (err: unknown) => void = () => {};
  let answer: () => void = () => {};
  let unsubscribed = false;
  const logs = {
    follow: {
      subscribe(input: unknown, o: { onData: typeof push; onError: typeof failFollow }) {
        calls.follow.push(input);
        push = o.onData;
        failFollow = o.onError;
        return { unsubscribe: () => (unsubscribed = true) };
      },
    },
    http: {
      query(input: unknown) {
        calls.http.push(input);
        return new Promise((resolve, reject) => {
          answer = () => (history instanceof Error ? reject(history) : resolve(history));
        });
      },
    },
  };
  const client = { logs } as unknown as Parameters<typeof liveExchanges>[0];
  return {
    client,
    calls,
    push: (e: HttpExchangeSummary) => push(e),
    failFollow: (err: unknown) => failFollow(err),
    answer: async () => {
      answer();
      await new Promise((r) => setTimeout(r, 0));
    },
    unsubscribed: () => unsubscribed,
  };
}

const ids = (list: HttpExchangeSummary[]) => list.map((e) => e.traceId);

describe("live exchanges", () => {
  it("follows first, then reads the last `keep` before what was followed, each trace once", async () => {
    const logs = fakeLogs([exchange("a"), exchange("b"), exchange("c")]);
    const seen: string[][] = [];
    const live = liveExchanges(logs.client, {
      ref: 7,
      keep: 10,
      onExchanges: (l) => seen.push(ids(l)),
    });
    expect(logs.calls.follow).toEqual([{ ref: 7 }]);
    expect(logs.calls.http).toEqual([{ ref: 7, limit: 10, bodies: false }]);
    logs.push(exchange("c"));
    await logs.answer();
    logs.push(exchange("d"));
    logs.push(exchange("d"));
    expect(seen).toEqual([["c"], ["a", "b", "c"], ["a", "b", "c", "d"]]);
    expect(ids(live.exchanges())).toEqual(["a", "b", "c", "d"]);
    live.close();
    expect(logs.unsubscribed()).toBe(true);
  });

  it("keeps only the newest `keep`", async () => {
    const logs = fakeLogs([exchange("a"), exchange("b")]);
    const live = liveExchanges(logs.client, { ref: 1, keep: 2, onExchanges: () => {} });
    await logs.answer();
    logs.push(exchange("c"));
    expect(ids(live.exchanges())).toEqual(["b", "c"]);
  });

  it("without a forward reads no history and follows every forward; clear forgets", () => {
    const logs = fakeLogs([]);
    let last: string[] = [];
    const live = liveExchanges(logs.client, { keep: 5, onExchanges: (l) => (last = ids(l)) });
    expect(logs.calls).toEqual({ follow: [{}], http: [] });
    logs.push(exchange("x"));
    expect(last).toEqual(["x"]);
    live.clear();
    expect(last).toEqual([]);
    logs.push(exchange("y"));
    expect(last).toEqual(["y"]);
  });

  it("says why the read or the subscription failed, and nothing once closed", async () => {
    const logs = fakeLogs(new Error("no such forward"));
    const errors: string[] = [];
    const live = liveExchanges(logs.client, {
      ref: 3,
      keep: 5,
      onExchanges: () => {},
      onError: (e) => errors.push(e.message),
    });
    await logs.answer();
    logs.failFollow(new Error("stream ended"));
    live.close();
    logs.failFollow(new Error("late"));
    expect(errors).toEqual(["no such forward", "stream ended"]);
  });
});
