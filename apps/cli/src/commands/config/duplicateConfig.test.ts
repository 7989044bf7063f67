import type { Config } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import { duplicateInput, freeAlias } from "./duplicateConfig.ts";

const config = (over: Partial<Config>): Config =>
  ({
    id: 1,
    alias: "web",
    context: "dev",
    kubeconfig: null,
    namespace: "webapp",
    workload_type: "service",
    service: "frontend",
    target: null,
    remote_address: null,
    protocol: "tcp",
    remote_port: 80,
    local_port: 8080,
    local_address: "127.0.0.1",
    domain_enabled: true,
    auto_start: false,
    http_logs_enabled: false,
    group: "shop",
    ...over,
  }) as Config;

describe("duplicateInput", () => {
  it("keeps every field but the alias (next free suffix) and the local port (next free one)", async () => {
    const web = config({});
    const others = [web, config({ id: 2, alias: "web-2", local_port: 8081 })];
    const busy = new Set([8082]); // something else listens there
    const copy = await duplicateInput(web, others, async (_a, port) => !busy.has(port));
    const { id: _, ...fields } = web;
    expect(copy).toEqual({ ...fields, alias: "web-3", local_port: 8083 });
  });

  it("a port used on another local address does not count; port 0 stays 0", async () => {
    const web = config({});
    const elsewhere = config({ id: 2, alias: "db", local_address: "127.0.0.2", local_port: 8081 });
    expect((await duplicateInput(web, [web, elsewhere], async () => true)).local_port).toBe(8081);
    const auto = config({ local_port: 0 });
    expect((await duplicateInput(auto, [auto], async () => true)).local_port).toBe(0);
  });

  it("freeAlias takes the first unused suffix", () => {
    expect(freeAlias("web", new Set(["web", "web-2", "web-4"]))).toBe("web-3");
  });
});
