import { describe, expect, it } from "vitest";
import { demoDaemon } from "../../test/support/demoData.ts";
import { buildRows, CURRENT_CONTEXT, configRows, matchesFilter } from "./listRows.ts";
import { localLabel, targetLabel } from "./targetLabel.ts";

const configs = () => demoDaemon().configs;

describe("buildRows", () => {
  it("puts a header before each context, contexts and aliases sorted", () => {
    const rows = buildRows(configs(), new Map(), "");
    expect(rows.map((r) => (r.kind === "header" ? `# ${r.context}` : r.config.alias))).toEqual([
      "# dev-cluster",
      "auth-api-pod",
      "web-frontend-svc",
      "# prod-cluster",
      "cluster-dns-udp",
      "private-redis-proxy",
    ]);
  });

  it("groups configs without a context under the current context", () => {
    const list = configs();
    list[0] = { ...list[0]!, context: null };
    const headers = buildRows(list, new Map(), "").filter((r) => r.kind === "header");
    expect(headers.map((h) => h.kind === "header" && h.context)).toContain(CURRENT_CONTEXT);
  });

  it("drops groups left empty by the filter and keeps statuses on rows", () => {
    const rows = buildRows(configs(), new Map([[3, { id: 3, state: "running" as const }]]), "udp");
    expect(configRows(rows).map((r) => [r.config.alias, r.status?.state])).toEqual([
      ["cluster-dns-udp", "running"],
    ]);
    expect(rows).toHaveLength(2);
  });
});

describe("matchesFilter", () => {
  it("needs every word, in any field, case-insensitive", () => {
    const web = configs()[0]!;
    expect(matchesFilter(web, "WEB dev")).toBe(true);
    expect(matchesFilter(web, "frontend-service 8080")).toBe(true);
    expect(matchesFilter(web, "web prod")).toBe(false);
  });
});

describe("labels", () => {
  it("names each kind of target the way the issue shows it", () => {
    const [web, auth, , redis] = configs();
    expect(targetLabel(web!)).toBe("svc/frontend-service:80");
    expect(targetLabel(auth!)).toBe("pods app=auth:8080");
    expect(targetLabel(redis!)).toBe("proxy redis-master.internal-db.private:6379");
    expect(localLabel(auth!)).toBe("127.0.0.2:9001");
    expect(localLabel({ ...web!, local_port: null })).toBe("127.0.0.1:80");
    expect(localLabel({ ...web!, local_port: 0 })).toBe("127.0.0.1:auto");
    expect(localLabel({ ...web!, local_port: 0 }, 41234)).toBe("127.0.0.1:41234");
  });
});
