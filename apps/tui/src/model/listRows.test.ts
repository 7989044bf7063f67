import { CURRENT_CONTEXT_LABEL, type ForwardRow, NO_GROUP_LABEL } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { buildRows, configRows } from "./listRows.ts";

const configs = () => demoDaemon().configs;
const headers = (rows: ReturnType<typeof buildRows>) =>
  rows.map((r) => (r.kind === "header" ? `# ${r.name}` : r.config.alias));

describe("buildRows", () => {
  it("puts a header before each context, contexts and aliases sorted", () => {
    expect(headers(buildRows(configs(), new Map(), ""))).toEqual([
      "# dev-cluster",
      "auth-api-pod",
      "web-frontend-svc",
      "# prod-cluster",
      "cluster-dns-udp",
      "private-redis-proxy",
    ]);
  });

  it("groups by the configs' group when asked, with ungrouped ones last under their own header", () => {
    const list = configs().map((c) => ({
      ...c,
      group: c.alias.startsWith("web") || c.alias.startsWith("auth") ? "frontend" : null,
    }));
    expect(headers(buildRows(list, new Map(), "", "group"))).toEqual([
      `# ${NO_GROUP_LABEL}`,
      "cluster-dns-udp",
      "private-redis-proxy",
      "# frontend",
      "auth-api-pod",
      "web-frontend-svc",
    ]);
  });

  it("groups configs without a context under the current context", () => {
    const list = configs();
    list[0] = { ...list[0]!, context: null };
    const rows = buildRows(list, new Map(), "").filter((r) => r.kind === "header");
    expect(rows.map((h) => h.kind === "header" && h.name)).toContain(CURRENT_CONTEXT_LABEL);
  });

  it("drops groups left empty by the filter and keeps live rows on rows", () => {
    const live = new Map([[3, { id: 3, state: "running" } as ForwardRow]]);
    const rows = buildRows(configs(), live, "udp");
    expect(configRows(rows).map((r) => [r.config.alias, r.live?.state])).toEqual([
      ["cluster-dns-udp", "running"],
    ]);
    expect(rows).toHaveLength(2);
  });
});

describe("the filter", () => {
  it("needs every word, in any field, case-insensitive", () => {
    const aliases = (filter: string) =>
      configRows(buildRows(configs(), new Map(), filter)).map((r) => r.config.alias);
    expect(aliases("WEB dev")).toEqual(["web-frontend-svc"]);
    expect(aliases("frontend-service 8080")).toEqual(["web-frontend-svc"]);
    expect(aliases("web prod")).toEqual([]);
  });

  it("finds a config without a context by its heading, (current context)", () => {
    const list = configs();
    list[0] = { ...list[0]!, context: null };
    const rows = configRows(buildRows(list, new Map(), "current"));
    expect(rows.map((r) => r.config.alias)).toEqual([list[0]!.alias]);
  });
});
