import type { DiscoverReport, PlanRow } from "@ferry/store/client";
import { describe, expect, it } from "vitest";
import { printableLines } from "../printableText.ts";
import { discoverPlanText } from "./discoverPlan.ts";

const row = (action: PlanRow["action"], alias: string, reason: string | null = null): PlanRow =>
  ({
    action,
    id: 1,
    alias,
    reason,
    config: {
      alias,
      workload_type: "service",
      service: "db",
      remote_port: 5432,
      local_port: 15432,
      local_address: "127.0.0.1",
    },
    origin: {
      context: "dev",
      namespace: "data",
      kind: "Service",
      name: "db",
      annotation: "a",
      key: alias,
    },
  }) as PlanRow;

const report = (rows: PlanRow[], dryRun: boolean): DiscoverReport => {
  const summary = {
    add: 0,
    update: 0,
    unchanged: 0,
    conflict: 0,
    "kept-local-change": 0,
    remove: 0,
    "source-gone": 0,
  };
  for (const r of rows) summary[r.action]++;
  return {
    dryRun,
    rows,
    summary,
    started: [],
    notes: ["listed 2 namespace(s)"],
    problems: [
      {
        context: "dev",
        namespace: "data",
        kind: "Service",
        name: "bad",
        annotation: "kftray.app/configs",
        message: 'entry "x" is wrong',
      },
    ],
  };
};

describe("discoverPlanText", () => {
  it("says what a dry run would do, each row's source and reason, then notes and problems", () => {
    const text = discoverPlanText(
      report(
        [row("add", "db", "local port 5432 taken; moved to 15432"), row("unchanged", "db2")],
        true,
      ),
    );
    expect(text.split("\n")[0]).toBe("dry run: 1 would add, 1 unchanged; nothing was written");
    expect(text).toMatch(
      /^would add +db +dev\/data\/db +svc\/db:5432 +127\.0\.0\.1:15432 +local port 5432 taken; moved to 15432$/m,
    );
    expect(text).toContain("note: listed 2 namespace(s)\n");
    expect(text).toContain(
      'problem: dev data/bad (Service, kftray.app/configs): entry "x" is wrong\n',
    );
  });

  it("escapes control characters an annotation put into an alias", () => {
    const text = printableLines(discoverPlanText(report([row("add", "evil\u001b[2Jx")], false)));
    expect(text).not.toContain("\u001b");
    expect(text).toMatch(/^added +evil.*\[2Jx /m);
  });
});
