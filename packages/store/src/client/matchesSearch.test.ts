import { describe, expect, it } from "vitest";
import type { Config } from "../schema/config.ts";
import { matchesSearch } from "./matchesSearch.ts";

const web: Config = {
  id: 1,
  alias: "web-frontend-svc",
  context: "dev-cluster",
  kubeconfig: null,
  namespace: "webapp",
  workload_type: "service",
  service: "frontend-service",
  target: null,
  remote_address: null,
  protocol: "tcp",
  remote_port: 80,
  local_port: 8080,
  local_address: "127.0.0.1",
  domain_enabled: false,
  auto_start: false,
  http_logs_enabled: false,
  group: "team-a",
};

describe("the list's search", () => {
  it("needs every word, in any field, case-insensitive", () => {
    expect(matchesSearch(web, "WEB dev")).toBe(true);
    expect(matchesSearch(web, "frontend-service 8080")).toBe(true);
    expect(matchesSearch(web, " team-a  tcp ")).toBe(true);
    expect(matchesSearch(web, "web prod")).toBe(false);
    expect(matchesSearch(web, "   ")).toBe(true);
  });

  it("reads the remote port when no local port is set, and `auto` for 0", () => {
    expect(matchesSearch({ ...web, local_port: null }, "127.0.0.1:80")).toBe(true);
    expect(matchesSearch({ ...web, local_port: 0 }, "127.0.0.1:auto")).toBe(true);
  });

  it("matches a config without a context by the text given for it, and only then", () => {
    const none = { ...web, context: null };
    expect(matchesSearch(none, "current")).toBe(false);
    expect(matchesSearch(none, "current", "(current context)")).toBe(true);
  });
});
