import { describe, expect, it } from "vitest";
import { addServiceArgs, ferrydPids } from "./daemonHarness.ts";
import { useKubeSim } from "./simHarness.ts";

const WEB = { namespace: "webapp", service: "frontend-service", localPort: 0 };
const ALIASES = ["w1", "w2", "w3", "w4", "w5"];
const SLEEP_MS = 30_000;

/** One GET with its own deadline: "ok", or why not. */
async function tryGet(url: string): Promise<string> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
    await res.text();
    return res.status === 200 ? "ok" : `status ${res.status}`;
  } catch (err) {
    return String((err as Error).cause ?? err);
  }
}

// Issue 20: a laptop's sleep, emulated by freezing the daemon (SIGSTOP) for 30 s. The sim's side
// of every tunnel stays open meanwhile; after SIGCONT each forward must serve again on the first
// or second request.
describe("ferryd frozen for 30 s (SIGSTOP/SIGCONT), as in sleep and wake (kube-sim)", () => {
  const sim = useKubeSim();

  it("the first or second request through each of 5 forwards succeeds after SIGCONT", {
    timeout: 180_000,
  }, async () => {
    const { run, home } = sim.home();
    for (const alias of ALIASES)
      expect((await run(addServiceArgs(alias, WEB, ["--context", "dev-cluster"]))).code).toBe(0);
    const start = await run(["start", ...ALIASES]);
    expect(start.code, start.stderr).toBe(0);
    const rows = JSON.parse((await run(["status", "--json"])).stdout) as {
      alias: string;
      localAddress: string;
      localPort: number;
    }[];
    const urls = ALIASES.map((a) => {
      const r = rows.find((row) => row.alias === a);
      return `http://${r?.localAddress}:${r?.localPort}/`;
    });
    // Each forward has a live tunnel before the sleep.
    for (const url of urls) expect(await tryGet(url)).toBe("ok");

    const [pid] = ferrydPids(home);
    expect(pid).toBeDefined();
    process.kill(pid as number, "SIGSTOP");
    try {
      await new Promise((r) => setTimeout(r, SLEEP_MS));
    } finally {
      process.kill(pid as number, "SIGCONT");
    }

    const outcomes = await Promise.all(
      urls.map(async (url) => {
        const first = await tryGet(url);
        return first === "ok" ? ["ok"] : [first, await tryGet(url)];
      }),
    );
    const failed = outcomes.filter((o) => o.at(-1) !== "ok");
    expect(failed, JSON.stringify(outcomes)).toEqual([]);
    const status = JSON.parse((await run(["status", "--json"])).stdout) as { state: string }[];
    expect(status.map((s) => s.state)).toEqual(Array(5).fill("running"));
  });
});
