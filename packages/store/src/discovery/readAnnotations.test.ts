import { describe, expect, it } from "vitest";
import type { DiscoveredObject, KubePort } from "./discoveryTypes.ts";
import { parseKftrayEntry } from "./kftrayEntry.ts";
import { readAnnotations } from "./readAnnotations.ts";

const service = (
  annotations: Record<string, string>,
  ports: KubePort[] = [{ name: "http", port: 80, protocol: "tcp" }],
): DiscoveredObject => ({
  kind: "Service",
  namespace: "webapp",
  name: "frontend",
  annotations,
  ports,
  selector: null,
});

describe("parseKftrayEntry", () => {
  it("splits from the right, so aliases keep their hyphens", () => {
    expect(parseKftrayEntry("my-api-v2-8080-http")).toEqual({
      alias: "my-api-v2",
      localPort: 8080,
      target: "http",
    });
    expect(parseKftrayEntry("web-8080-80")).toEqual({ alias: "web", localPort: 8080, target: 80 });
  });
  it.each([
    ["admin-console", /not alias-localPort-targetPort/],
    ["-8080-http", /no alias/],
    ["web-http-80", /local port "http"/],
    ["web-70000-80", /local port "70000"/],
    ["web-8080-", /no target port/],
    ["web-8080-99999", /target port 99999/],
  ])("refuses %s, saying why", (entry, why) => {
    const parsed = parseKftrayEntry(entry);
    expect("problem" in parsed && parsed.problem).toMatch(why);
  });
});

describe("readAnnotations", () => {
  it("reads kftray.app/configs entries with named and numbered target ports", () => {
    const r = readAnnotations(
      service({ "kftray.app/configs": "web-ui-8080-http, api-9000-80" }),
      "dev",
    );
    expect(r.problems).toEqual([]);
    expect(
      r.candidates.map((c) => [c.draft.alias, c.draft.local_port, c.draft.remote_port]),
    ).toEqual([
      ["web-ui", 8080, 80],
      ["api", 9000, 80],
    ]);
    expect(r.candidates[0]?.draft).toMatchObject({
      context: "dev",
      namespace: "webapp",
      workload_type: "service",
      service: "frontend",
      protocol: "tcp",
    });
    expect(r.candidates[0]?.origin).toEqual({
      context: "dev",
      namespace: "webapp",
      kind: "Service",
      name: "frontend",
      annotation: "kftray.app/configs",
      key: "web-ui",
    });
  });

  it("reports a malformed entry with the object and annotation, and keeps the good ones", () => {
    const r = readAnnotations(
      service({ "kftray.app/configs": "admin-console,web-8080-http,x-8081-grpc" }),
      "dev",
    );
    expect(r.candidates.map((c) => c.draft.alias)).toEqual(["web"]);
    expect(r.problems).toEqual([
      expect.objectContaining({
        namespace: "webapp",
        name: "frontend",
        kind: "Service",
        annotation: "kftray.app/configs",
        message: expect.stringMatching(/"admin-console" is not alias-localPort-targetPort/),
      }),
      expect.objectContaining({
        message: 'entry "x-8081-grpc": Service has no port named "grpc" (its ports: http/80)',
      }),
    ]);
  });

  it("makes one config per port for kftray.app/enabled without configs", () => {
    const one = readAnnotations(service({ "kftray.app/enabled": "true" }), "dev");
    expect(one.candidates.map((c) => [c.draft.alias, c.draft.local_port])).toEqual([
      ["frontend", 80],
    ]);
    const two = readAnnotations(
      service({ "kftray.app/enabled": "True" }, [
        { name: "http", port: 80, protocol: "tcp" },
        { name: "metrics", port: 9100, protocol: "tcp" },
      ]),
      "dev",
    );
    expect(two.candidates.map((c) => c.draft.alias)).toEqual(["frontend-http", "frontend-metrics"]);
    expect(readAnnotations(service({ "kftray.app/enabled": "false" }), "dev").candidates).toEqual(
      [],
    );
  });

  it("ignores objects without the annotations", () => {
    expect(readAnnotations(service({ other: "x" }), "dev")).toEqual({
      candidates: [],
      problems: [],
    });
  });

  it("reads ferry.dev/forwards, validated with the config schema", () => {
    const r = readAnnotations(
      service(
        {
          "ferry.dev/forwards": JSON.stringify([
            { alias: "db", port: "pg", localPort: 15432, localAddress: "127.0.0.5", domain: true },
            { port: "dns" },
            { alias: "bad", port: "pg", localAddress: "not-an-ip" },
            { alias: "x", port: "pg", colour: "red" },
            { port: "nope" },
            "pg",
            { alias: "p", port: "pg", protocol: "udp" },
          ]),
        },
        [
          { name: "pg", port: 5432, protocol: "tcp" },
          { name: "dns", port: 53, protocol: "udp" },
        ],
      ),
      "dev",
    );
    expect(r.candidates.map((c) => c.draft)).toEqual([
      expect.objectContaining({
        alias: "db",
        remote_port: 5432,
        local_port: 15432,
        local_address: "127.0.0.5",
        domain_enabled: true,
        protocol: "tcp",
      }),
      expect.objectContaining({ alias: "frontend-dns", remote_port: 53, protocol: "udp" }),
    ]);
    expect(r.problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^\[3\]: unknown field "colour"/),
      expect.stringMatching(/^\[5\]: expected an object/),
      expect.stringMatching(/^"bad": localAddress: expected an IP address/),
      '[4]: Service has no port named "nope" (its ports: pg/5432, dns/53)',
      '[6]: protocol "udp" but port pg/5432 is tcp',
    ]);
    expect(r.problems.every((p) => p.annotation === "ferry.dev/forwards")).toBe(true);
  });

  it("reports ferry.dev/forwards that is not JSON", () => {
    const r = readAnnotations(service({ "ferry.dev/forwards": "[{port:" }), "dev");
    expect(r.problems[0]?.message).toMatch(/^not valid JSON/);
  });

  it("refuses an alias with spaces through the schema", () => {
    const r = readAnnotations(
      service({ "ferry.dev/forwards": '[{"alias":"my db","port":"http"}]' }),
      "dev",
    );
    expect(r.problems[0]?.message).toMatch(/alias: expected an alias without spaces/);
  });

  it("reports an entry given twice", () => {
    const r = readAnnotations(
      service({ "kftray.app/configs": "web-8080-http,web-8081-http" }),
      "dev",
    );
    expect(r.candidates).toHaveLength(1);
    expect(r.problems[0]?.message).toBe('"web" appears twice; the second is left out');
  });

  it("gives workload configs the workload's selector as pod target", () => {
    const deploy: DiscoveredObject = {
      kind: "Deployment",
      namespace: "backend",
      name: "auth",
      annotations: { "kftray.app/configs": "auth-pod-18081-8080,auth-h-18082-http" },
      ports: [{ name: "http", port: 8080, protocol: "tcp" }],
      selector: "app=auth",
    };
    const r = readAnnotations(deploy, "dev");
    expect(r.problems).toEqual([]);
    expect(r.candidates.map((c) => c.draft)).toEqual([
      expect.objectContaining({
        alias: "auth-pod",
        workload_type: "pod",
        target: "app=auth",
        remote_port: 8080,
        local_port: 18081,
      }),
      expect.objectContaining({ alias: "auth-h", remote_port: 8080, local_port: 18082 }),
    ]);
    expect(r.candidates[0]?.origin.kind).toBe("Deployment");
    const noSelector = readAnnotations(
      { ...deploy, selector: null, selectorProblem: "its selector uses matchExpressions" },
      "dev",
    );
    expect(noSelector.problems[0]?.message).toBe("its selector uses matchExpressions");
  });
});
