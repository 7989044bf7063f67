import { describe, expect, it } from "vitest";
import { closeFerryClient, ferryErrorOf } from "../../src/client/index.ts";
import { clientFor, useDaemons, waitForDaemon } from "./daemonHarness.ts";

// Issue 13 points 6 and 7 and the DNS-name rules: refused at import by the real daemon, with the
// database left as it was.

const svc = { namespace: "webapp", workload_type: "service", service: "frontend", remote_port: 80 };
const proxy = { namespace: "webapp", workload_type: "proxy", remote_port: 6379 };

describe("ferryd refuses configs that cannot work or print badly", () => {
  const daemons = useDaemons();

  async function refusal(entries: object[]) {
    const home = daemons.home();
    daemons.spawn(home);
    await waitForDaemon(home);
    const client = clientFor(home);
    try {
      const err = await client.configs.import
        .mutate({ text: JSON.stringify(entries) })
        .then(() => null)
        .catch(ferryErrorOf);
      const stored = await client.configs.list.query();
      return { err, stored };
    } finally {
      closeFerryClient(client);
    }
  }

  it("takes a host name, an IPv4 or an IPv6 address as remote_address, and nothing else", async () => {
    const ok = await refusal([
      { ...proxy, alias: "a", remote_address: "redis.internal" },
      { ...proxy, alias: "b", remote_address: "10.0.0.7" },
      { ...proxy, alias: "c", remote_address: "fd00::7" },
    ]);
    expect(ok.err).toBeNull();
    const { err, stored } = await refusal([
      { ...proxy, alias: "url", remote_address: "http://redis.internal:6379/db" },
      { ...proxy, alias: "space", remote_address: "redis internal" },
      { ...proxy, alias: "port", remote_address: "redis.internal:6379" },
    ]);
    expect(err?.code).toBe("INVALID_CONFIG");
    expect(err?.issues).toEqual([
      {
        path: "[0].remote_address",
        message:
          'expected a host name or IP address, got "http://redis.internal:6379/db"; did you mean "redis.internal"?',
      },
      {
        path: "[1].remote_address",
        message: 'expected a host name or IP address, got "redis internal"',
      },
      {
        path: "[2].remote_address",
        message:
          'expected a host name or IP address, got "redis.internal:6379"; did you mean "redis.internal"?',
      },
    ]);
    expect(stored).toEqual([]);
  });

  it("refuses control characters and bidi overrides in aliases and other printed fields", async () => {
    const { err, stored } = await refusal([
      { ...svc, alias: "web\u001b[31mred" },
      { ...svc, alias: "evil\u202etxt", remote_port: 81 },
      { ...svc, alias: "ok", remote_port: 82, group: "team\u0007" },
      { ...svc, alias: "c1\u009b", remote_port: 83 },
    ]);
    expect(err?.code).toBe("INVALID_CONFIG");
    expect(err?.issues.map((i) => i.path)).toEqual([
      "[0].alias",
      "[1].alias",
      "[2].group",
      "[3].alias",
    ]);
    expect(err?.issues[0]?.message).toMatch(/control or bidi character/);
    // The message quotes the value escaped, so printing it is harmless too.
    expect(err?.message).not.toMatch(/[\u001b\u202e\u0007\u009b]/);
    expect(stored).toEqual([]);
  });

  it("validates namespace and service as DNS-1123 labels and the pod selector's syntax", async () => {
    const { err, stored } = await refusal([
      { ...svc, alias: "a", namespace: "../../x" },
      { ...svc, alias: "b", service: "Front_End" },
      { ...svc, alias: "c", workload_type: "pod", service: null, target: "app=auth,,=x" },
      { ...svc, alias: "d", workload_type: "pod", service: null, target: "tier in (a,b" },
    ]);
    expect(err?.code).toBe("INVALID_CONFIG");
    expect(err?.issues.map((i) => i.path)).toEqual([
      "[0].namespace",
      "[1].service",
      "[2].target",
      "[3].target",
    ]);
    expect(err?.issues[0]?.message).toMatch(/lowercase letters, digits and '-'/);
    expect(stored).toEqual([]);
    const ok = await refusal([
      { ...svc, alias: "e", workload_type: "pod", service: null, target: "app=auth" },
      {
        ...svc,
        alias: "f",
        workload_type: "pod",
        service: null,
        target: "app.kubernetes.io/name==web,tier in (a, b),!canary,env!=prod",
      },
    ]);
    expect(ok.err).toBeNull();
    expect(ok.stored.length).toBe(2);
  });
});
