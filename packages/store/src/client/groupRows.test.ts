import { describe, expect, it } from "vitest";
import { CURRENT_CONTEXT_LABEL, groupRows, NO_GROUP_LABEL } from "./groupRows.ts";

const item = (alias: string, context: string | null, group: string | null = null) => ({
  alias,
  context,
  group,
});
const items = [
  item("web", "prod", "front"),
  item("auth", "dev", "front"),
  item("db", "prod"),
  item("dns", null),
];
const shape = (by?: "context" | "group") =>
  groupRows(items, by).map((g) => [g.label, g.value, g.items.map((i) => i.alias)]);

describe("rows grouped under headings", () => {
  it("gathers by kube context, headings and aliases sorted, no context under its own heading", () => {
    expect(shape()).toEqual([
      [CURRENT_CONTEXT_LABEL, null, ["dns"]],
      ["dev", "dev", ["auth"]],
      ["prod", "prod", ["db", "web"]],
    ]);
  });

  it("gathers by the configs' group when asked", () => {
    expect(shape("group")).toEqual([
      [NO_GROUP_LABEL, null, ["db", "dns"]],
      ["front", "front", ["auth", "web"]],
    ]);
  });
});
