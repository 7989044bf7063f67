// A second, independent client: the official Python client (Debian's python3-kubernetes) lists
// and watches pods. Its watch sends `watch=True`, which a sim accepting only `1`/`true` took for
// a plain list: the watch ended at once and saw nothing.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { hasPythonKubernetes, PYTHON, readyPods, until } from "./helpers.ts";

const SCRIPT = fileURLToPath(new URL("./python/watch_pods.py", import.meta.url));

describe.skipIf(!hasPythonKubernetes)("python3-kubernetes against kube-sim", () => {
  let sim: KubeSim;
  let py: ChildProcess | undefined;
  beforeAll(async () => {
    sim = await startKubeSim({ replaceDelayMs: 100 });
    await until(() => readyPods(sim, "default", "web-").length === 2, "web pods ready");
  });
  afterAll(async () => {
    py?.kill("SIGKILL");
    await sim.close();
  });

  it("lists, then watches a delete and the replacement", async () => {
    py = spawn(PYTHON, [SCRIPT, sim.kubeconfigPath, "default"]);
    let out = "";
    py.stdout?.on("data", (d) => {
      out += d;
    });
    py.stderr?.on("data", (d) => {
      out += d;
    });
    const events = () =>
      out
        .split("\n")
        .filter((l) => l.startsWith("{"))
        .map((l) => JSON.parse(l) as { type: string; name?: string; names?: string[] });
    const wait = (fn: () => boolean, what: string) =>
      until(fn, what).catch((e: Error) => {
        throw new Error(`${e.message}; the Python client said:\n${out}`);
      });
    const victim = readyPods(sim, "default", "web-")[0]!.metadata.name as string;
    await wait(() => events().filter((e) => e.type === "ADDED").length >= 5, "ADDED events");
    expect(events()[0]?.names).toContain(victim);
    sim.deletePod("default", victim);
    await wait(
      () => events().some((e) => e.type === "DELETED" && e.name === victim),
      `DELETED ${victim}`,
    );
    await wait(
      () =>
        events().some(
          (e) => e.type === "ADDED" && e.name?.startsWith("web-") && e.name !== victim,
        ) && readyPods(sim, "default", "web-").length === 2,
      "the replacement",
    );
    const added = events()
      .filter((e) => e.type === "ADDED")
      .map((e) => e.name);
    const replacement = readyPods(sim, "default", "web-").find(
      (p) => p.metadata.name !== victim && !events()[0]?.names?.includes(p.metadata.name),
    );
    expect(added).toContain(replacement?.metadata.name);
  });
});
