import { describe, expect, it } from "vitest";
import { ferryErrorOf, type HttpExchangeSummary } from "../../src/client/index.ts";
import { demoFrontend, settledRow, useDaemons, useDemoCluster } from "./daemonHarness.ts";
import { everyFileText } from "./syncHarness.ts";

const daemons = useDaemons();

describe("HTTP logs through ferryd (issue 17)", () => {
  it("refuses logging on a UDP forward and a size or retention of 0 or less, naming the field; nothing changes", async () => {
    const { client: ferry } = await daemons.started();
    await ferry.configs.create.mutate({
      alias: "dns",
      namespace: "kube-system",
      workload_type: "service",
      service: "kube-dns",
      protocol: "udp",
      remote_port: 53,
    });
    await ferry.configs.create.mutate({
      alias: "web",
      namespace: "webapp",
      workload_type: "service",
      service: "frontend-service",
      remote_port: 80,
      http_logs_max_file_size: 2048,
    });
    const before = await ferry.configs.export.query();

    const udp = await ferry.configs.update
      .mutate({ id: "dns", patch: { http_logs_enabled: true } })
      .catch(ferryErrorOf);
    expect(udp).toMatchObject({ code: "HTTP_LOG_UNSUPPORTED" });
    expect((udp as Error).message).toContain("HTTP logs need a TCP forward");

    for (const [field, value] of [
      ["http_logs_max_file_size", 0],
      ["http_logs_max_file_size", -5],
      ["http_logs_retention_days", 0],
    ] as const) {
      const err = await ferry.configs.update
        .mutate({ id: "web", patch: { http_logs_enabled: true, [field]: value } })
        .catch(ferryErrorOf);
      expect(err, `${field}=${value}`).toMatchObject({ code: "HTTP_LOG_INVALID_SETTING" });
      expect((err as { fields: Record<string, string> }).fields[field]).toMatch(/> 0/);
    }
    // A global setting that cannot make a log is refused by name too.
    await ferry.settings.set.mutate({ key: "http_logs.body_cap", value: -1 });
    const cap = await ferry.configs.update
      .mutate({ id: "web", patch: { http_logs_enabled: true } })
      .catch(ferryErrorOf);
    expect(cap).toMatchObject({ code: "HTTP_LOG_INVALID_SETTING" });
    expect((cap as Error).message).toMatch(/^http_logs\.body_cap: /);
    expect(await ferry.configs.export.query()).toBe(before);

    expect(await ferry.logs.http.query({ ref: "web" })).toEqual([]);
    expect(await ferry.logs.file.query({ ref: "web" })).toEqual({ path: null });
    const trace = await ferry.logs.curl.query({ ref: "web", traceId: "nope" }).catch(ferryErrorOf);
    expect(trace).toMatchObject({ code: "TRACE_NOT_FOUND" });
  });

  describe("against kube-sim's HTTP pods", () => {
    const cluster = useDemoCluster();

    it("turned on live (no restart): exchanges are listed, followed, copied as curl and replayed through the forward; secrets redacted", async () => {
      const { home, client: ferry } = await daemons.started();
      await ferry.configs.create.mutate(demoFrontend(cluster().kubeconfigPath, "web"));
      await ferry.forwards.start.mutate({ aliases: ["web"] });
      const running = await settledRow(ferry, "web");
      expect(running?.state).toBe("running");
      expect(running?.httpLog.enabled).toBe(false);

      await ferry.configs.update.mutate({ id: "web", patch: { http_logs_enabled: true } });
      const on = (await ferry.forwards.status.query()).find((r) => r.alias === "web");
      expect(on).toMatchObject({ state: "running", since: running?.since });
      expect(on?.httpLog.enabled).toBe(true);

      const followed: HttpExchangeSummary[] = [];
      const sub = ferry.logs.follow.subscribe({ ref: "web" }, { onData: (e) => followed.push(e) });
      await new Promise((r) => setTimeout(r, 300)); // the WebSocket subscription is up
      const url = `http://127.0.0.1:${on?.localPort}/api/items?x=1`;
      const res = await fetch(url, {
        method: "POST",
        headers: { authorization: "Bearer s3cr3t", "content-type": "application/json" },
        body: JSON.stringify({ name: "ferry" }),
      });
      expect(res.status).toBe(200);
      await res.text();
      for (let i = 0; i < 100 && followed.length === 0; i++)
        await new Promise((r) => setTimeout(r, 50));
      sub.unsubscribe();
      expect(followed[0]).toMatchObject({ method: "POST", status: 200 });

      const listed = await ferry.logs.http.query({ ref: "web", bodies: true });
      expect(listed).toHaveLength(1);
      const [first] = listed;
      expect(first).toMatchObject({ method: "POST", status: 200, traceId: followed[0]?.traceId });
      expect(first?.requestBody).toContain("ferry");
      expect(first?.requestHeaders).toContainEqual(["authorization", "<redacted>"]);
      const { path } = await ferry.logs.file.query({ ref: "web" });
      expect(path).toMatch(/http_logs\/\d+_\d+\.http$/);
      expect(everyFileText(home)).not.toContain("s3cr3t");

      const { command } = await ferry.logs.curl.query({
        ref: "web",
        traceId: first?.traceId ?? "",
      });
      expect(command).toContain(`127.0.0.1:${on?.localPort}/api/items?x=1`);
      const replayed = await ferry.logs.replay.mutate({
        ref: "web",
        traceId: first?.traceId ?? "",
      });
      expect(replayed.status).toBe(200);
      let again = await ferry.logs.http.query({ ref: "web", bodies: true });
      for (let i = 0; i < 100 && again.length < 2; i++) {
        await new Promise((r) => setTimeout(r, 50));
        again = await ferry.logs.http.query({ ref: "web", bodies: true });
      }
      expect(again).toHaveLength(2);
      // The pod saw the same method, path and body a second time (its echo says so).
      const seen = again.map((e) => JSON.parse(e.responseBody) as Record<string, unknown>);
      expect(seen[1]).toMatchObject({ method: "POST", path: "/api/items?x=1" });
      expect(seen[1]?.bodyBytes).toBe(seen[0]?.bodyBytes);
      const row = (await ferry.forwards.status.query()).find((r) => r.alias === "web");
      expect(row?.httpLog).toMatchObject({ enabled: true, file: path, exchanges: 2 });
      expect(row?.since).toBe(running?.since);

      // Logging on from the start, with the per-alias redaction setting mapped in: off for "api".
      await ferry.settings.set.mutate({ key: "http_logs.redact_by_alias", value: { api: false } });
      await ferry.configs.create.mutate({
        ...demoFrontend(cluster().kubeconfigPath, "api"),
        http_logs_enabled: true,
      });
      await ferry.forwards.start.mutate({ aliases: ["api"] });
      const api = await settledRow(ferry, "api");
      expect(api?.httpLog.enabled).toBe(true);
      await (
        await fetch(`http://127.0.0.1:${api?.localPort}/`, {
          headers: { authorization: "Bearer not-redacted-here" },
        })
      ).text();
      let logged = await ferry.logs.http.query({ ref: "api" });
      for (let i = 0; i < 100 && logged.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 50));
        logged = await ferry.logs.http.query({ ref: "api" });
      }
      expect(logged[0]?.requestHeaders).toContainEqual([
        "authorization",
        "Bearer not-redacted-here",
      ]);
    }, 120_000);
  });
});
