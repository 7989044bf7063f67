import { describe, expect, it } from "vitest";
import type { Config } from "./api/daemonApi.ts";
import {
  emptyForm,
  formFromConfig,
  inputFromForm,
  matchesSearch,
  targetText,
} from "./configView.ts";
import { addSample } from "./trafficSeries.ts";

const web: Config = {
  id: 1,
  alias: "web",
  context: "kind-dev",
  kubeconfig: null,
  namespace: "shop",
  workload_type: "service",
  service: "frontend",
  target: null,
  remote_address: null,
  protocol: "tcp",
  remote_port: 80,
  local_port: 8080,
  local_address: "127.0.0.1",
  domain_enabled: false,
  auto_start: false,
  http_logs_enabled: false,
  group: null,
};

describe("config view helpers", () => {
  it("searches every visible column, all words must match", () => {
    expect(matchesSearch(web, "")).toBe(true);
    expect(matchesSearch(web, "FRONT")).toBe(true);
    expect(matchesSearch(web, "shop 8080")).toBe(true);
    expect(matchesSearch(web, "shop 9090")).toBe(false);
    expect(targetText(web)).toBe("svc/frontend:80");
  });

  it("round-trips a config through the dialog form", () => {
    const input = inputFromForm(formFromConfig(web));
    expect(input).toMatchObject({
      alias: "web",
      service: "frontend",
      remote_port: 80,
      local_port: 8080,
    });
  });

  it("sends only the chosen workload's target and keeps bad ports for the daemon to explain", () => {
    const form = {
      ...emptyForm(),
      workload_type: "pod" as const,
      service: "x",
      target: "app=auth",
    };
    const input = inputFromForm({ ...form, remote_port: "8o", local_port: "" });
    expect(input).toMatchObject({
      service: null,
      target: "app=auth",
      remote_port: "8o",
      local_port: null,
    });
  });
});

describe("addSample", () => {
  it("turns cumulative counters into rates and survives a counter reset", () => {
    const a = { at: 1000, bytesIn: 0, bytesOut: 0, connections: 0 };
    const b = { at: 3000, bytesIn: 2000, bytesOut: 400, connections: 1 };
    const c = { at: 4000, bytesIn: 100, bytesOut: 0, connections: 0 };
    let s = addSample([], null, a, 1000);
    s = addSample(s, a, b, 1000);
    s = addSample(s, b, c, 1000);
    expect(s.map((p) => [p.t, p.inRate, p.outRate])).toEqual([
      [0, 0, 0],
      [2, 1000, 200],
      [3, 100, 0],
    ]);
  });
});
