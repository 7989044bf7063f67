import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { NODE_FLOOR, nodeFloor } from "./engines.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** node_modules/<name>/index.js with the given engines.node; returns the file. */
function dep(root: string, name: string, node?: string): string {
  const dir = join(root, "node_modules", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name, version: "1.0.0", engines: { node } }),
  );
  writeFileSync(join(dir, "index.js"), "");
  return join(dir, "index.js");
}

describe("nodeFloor", () => {
  it("is the strictest >= of the bundled packages, and names it", () => {
    const root = mkdtempSync(join(tmpdir(), "ferry-engines-"));
    dirs.push(root);
    const inputs = [
      dep(root, "a", ">=18"),
      dep(root, "b", ">=22.20.0"),
      dep(root, "c", ">= 20.1.0"),
    ];
    expect(nodeFloor(inputs)).toEqual({ version: "22.20.0", setBy: "b@1.0.0" });
  });

  it("is our own floor when no package asks for more (or says something else than >=)", () => {
    const root = mkdtempSync(join(tmpdir(), "ferry-engines-"));
    dirs.push(root);
    const inputs = [dep(root, "a", "^18 || ^20"), dep(root, "b"), join(root, "src/own.ts")];
    expect(nodeFloor(inputs)).toEqual({ version: NODE_FLOOR, setBy: null });
  });
});
