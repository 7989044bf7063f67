import { describe, expect, it } from "vitest";
import { formFromConfig } from "./configForm.ts";
import { duplicateForm } from "./duplicateForm.ts";

const web = {
  id: 4,
  alias: "web",
  context: "staging",
  kubeconfig: null,
  namespace: "shop",
  workload_type: "service" as const,
  service: "frontend",
  target: null,
  remote_address: null,
  protocol: "tcp" as const,
  remote_port: 80,
  local_port: 8080,
  local_address: "127.0.0.2",
  domain_enabled: false,
  auto_start: true,
  http_logs_enabled: true,
  group: "team",
};

describe("a duplicate's form", () => {
  it("keeps every field but the alias (with -copy) and the local port (0: the OS picks)", () => {
    expect(duplicateForm(web)).toEqual({
      ...formFromConfig(web),
      alias: "web-copy",
      local_port: "0",
    });
    expect(duplicateForm(web)).toMatchObject({ namespace: "shop", local_address: "127.0.0.2" });
  });
});
