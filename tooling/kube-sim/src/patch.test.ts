import { describe, expect, it } from "vitest";
import { mergePatch, strategicMergePatch } from "./patch.ts";

const svc = {
  metadata: { name: "db", annotations: { a: "1", b: "2" }, labels: { app: "db" } },
  spec: {
    ports: [
      { name: "pg", port: 5432 },
      { name: "metrics", port: 9187 },
    ],
    selector: { app: "db" },
  },
};

describe("mergePatch (RFC 7386)", () => {
  it("adds, replaces and removes annotations as kubectl annotate sends them", () => {
    const out = mergePatch(svc, { metadata: { annotations: { a: null, b: "3", c: "new" } } });
    expect(out.metadata.annotations).toEqual({ b: "3", c: "new" });
    expect(out.metadata.labels).toEqual({ app: "db" });
    expect(svc.metadata.annotations).toEqual({ a: "1", b: "2" });
  });
  it("replaces lists whole", () => {
    expect(mergePatch(svc, { spec: { ports: [{ port: 1 }] } }).spec.ports).toEqual([{ port: 1 }]);
  });
  it("creates a missing map", () => {
    expect(
      mergePatch({ metadata: { name: "x" } }, { metadata: { annotations: { k: "v" } } }),
    ).toEqual({ metadata: { name: "x", annotations: { k: "v" } } });
  });
});

describe("strategicMergePatch", () => {
  it("merges Service ports by port, deletes with $patch, ignores $setElementOrder", () => {
    const out = strategicMergePatch(svc, {
      $setElementOrder: { ports: [] },
      metadata: { annotations: { a: null } },
      spec: {
        ports: [
          { port: 5432, name: "postgres" },
          { port: 9187, $patch: "delete" },
          { port: 8080, name: "http" },
        ],
      },
    });
    expect(out.spec.ports).toEqual([
      { name: "postgres", port: 5432 },
      { name: "http", port: 8080 },
    ]);
    expect(out.metadata.annotations).toEqual({ b: "2" });
  });
  it("merges containers by name and their ports by containerPort", () => {
    const pod = {
      spec: { containers: [{ name: "c", ports: [{ containerPort: 80, name: "a" }] }] },
    };
    const out = strategicMergePatch(pod, {
      spec: { containers: [{ name: "c", ports: [{ containerPort: 81, name: "b" }] }] },
    });
    expect(out.spec.containers[0].ports).toEqual([
      { containerPort: 80, name: "a" },
      { containerPort: 81, name: "b" },
    ]);
  });
  it("replaces lists without a merge key", () => {
    expect(strategicMergePatch({ x: { args: ["a"] } }, { x: { args: ["b"] } })).toEqual({
      x: { args: ["b"] },
    });
  });
});
