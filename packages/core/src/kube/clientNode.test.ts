import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { loadClientNode } from "./clientNode.ts";

const run = promisify(execFile);
const coreIndex = fileURLToPath(new URL("../index.ts", import.meta.url));

/** In a fresh Node process: imports core, then runs `then`; prints whether client-node loaded. */
async function loadsClientNode(then: string): Promise<boolean> {
  const code = `
    import { registerHooks } from "node:module";
    let loaded = false;
    registerHooks({ load(url, ctx, next) {
      if (url.includes("@kubernetes/client-node")) loaded = true;
      return next(url, ctx);
    } });
    const core = await import(${JSON.stringify(coreIndex)});
    ${then}
    console.log(JSON.stringify({ loaded }));`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code]);
  return JSON.parse(stdout.trim().split("\n").at(-1) as string).loaded;
}

describe("client-node, loaded on first use", () => {
  it("is not loaded by importing @ferry/core (an idle daemon does not pay for it)", async () => {
    expect(await loadsClientNode("")).toBe(false);
  });

  it("is loaded by the first kube call", async () => {
    expect(await loadsClientNode("await core.loadClientNode();")).toBe(true);
  });

  it("loads one module for every caller", async () => {
    const [a, b] = await Promise.all([loadClientNode(), loadClientNode()]);
    expect(a).toBe(b);
    expect(typeof a.KubeConfig).toBe("function");
  });
});
