import { clientOfRunningDaemon } from "@ferry/store/node";
import { describe, expect, it } from "vitest";
import { daemonHome } from "./daemonHome.ts";
import { demoCluster } from "./demoCluster.ts";
import { TmuxTui } from "./tmuxTui.ts";

// Issue 18's TUI surface: the real TUI in tmux, a real ferryd and kube-sim's demo scenario
// (annotated services in both styles, a hyphenated alias and a malformed entry).

describe("ferry-tui Discover (Auto Add) against kube-sim", () => {
  const demo = demoCluster();
  const { open } = demo;

  it("plans a context as a checklist, refuses a partial apply, applies the whole plan", async () => {
    const home = daemonHome();
    open.push({ close: home.cleanup });
    const env = { KUBECONFIG: demo.cluster().kubeconfigPath };
    const tui = new TmuxTui({
      home: home.home,
      kubeconfig: demo.cluster().kubeconfigPath,
      env,
      columns: 160,
      rows: 50,
    });
    open.push(tui);
    await tui.waitFor("No configs yet");
    await tui.press("u");
    await tui.waitFor("Discover: pick a context");
    await tui.waitFor("sim-other");
    await tui.press("Enter"); // the first context: sim
    const plan = await tui.waitFor("Discover in sim: the plan");
    await tui.waitFor("web-ui");
    expect(tui.screen()).toMatch(/\[x\] add\s+web-ui/);
    expect(tui.screen()).toContain("Problems (skipped):");
    tui.save("discover-plan");
    expect(plan).toContain("[x]");
    // Nothing written by the plan.
    expect(await home.ferry(["config", "list"], env)).not.toContain("web-ui");
    // One row unchecked: applyPlan takes no subset, so the screen says so and writes nothing.
    await tui.press("Space");
    await tui.waitFor(/\[ \] add/);
    await tui.press("Enter");
    await tui.waitFor("row(s) unchecked");
    expect(await home.ferry(["config", "list"], env)).not.toContain("web-ui");
    await tui.press("Space");
    await tui.press("Enter");
    await tui.waitFor("Applied the whole plan");
    tui.save("discover-applied");
    expect(await home.ferry(["config", "list"], env)).toContain("web-ui");
    const { client } = clientOfRunningDaemon(home.home);
    const discovered = await client.discover.discovered.query();
    expect(JSON.stringify(discovered)).toContain("web-ui");
    await tui.press("Escape");
    await tui.waitFor("web-ui");
  });
});
