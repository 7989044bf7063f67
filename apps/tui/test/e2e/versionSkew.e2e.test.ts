import { spawn } from "node:child_process";
import { join } from "node:path";
import { closeFerryClient, type FerryClient } from "@ferry/store/client";
import { clientOfRunningDaemon, findDaemon } from "@ferry/store/node";
import { describe, expect, it } from "vitest";
import { alive, daemonHome, REPO } from "./daemonHome.ts";
import { demoCluster } from "./demoCluster.ts";
import { TmuxTui } from "./tmuxTui.ts";

// Issue 20 in the TUI: an older ferryd runs (its version injected with FERRY_VERSION_OVERRIDE,
// as the store's and the CLI's skew tests do) with two forwards running. ferry-tui starts, finds
// it, and it hands over: the status line says who handed over, which forwards came back and the
// gap, and the rows show them running under the new daemon.

const OLD = "0.0.9";
const FERRYD = join(REPO, "packages/store/src/bin/ferryd.ts");

async function waitRunning(client: FerryClient, aliases: string[]) {
  await expect
    .poll(
      async () =>
        (await client.forwards.status.query())
          .filter((r) => aliases.includes(r.alias))
          .map((r) => r.state),
      { timeout: 30_000 },
    )
    .toEqual(aliases.map(() => "running"));
}

describe("ferry-tui takes over from an older ferryd", () => {
  const demo = demoCluster();

  it("says who handed over, which forwards came back and the gap; the rows agree", {
    timeout: 180_000,
  }, async () => {
    const home = daemonHome();
    demo.open.push({ close: home.cleanup });
    // The old daemon, detached as a client would start it (async: kube-sim runs in this process).
    const old = spawn(process.execPath, [FERRYD], {
      env: { ...process.env, FERRY_HOME: home.home, FERRY_VERSION_OVERRIDE: OLD },
      stdio: "ignore",
      detached: true,
    });
    old.unref();
    demo.open.push({
      close: () => {
        if (old.exitCode === null && old.pid && alive(old.pid)) process.kill(old.pid, "SIGKILL");
      },
    });
    await expect
      .poll(() => findDaemon(home.home).then((d) => d?.version), { timeout: 30_000 })
      .toBe(OLD);
    const { client } = clientOfRunningDaemon(home.home);
    for (const alias of ["one", "two", "idle"])
      await client.configs.create.mutate({
        alias,
        kubeconfig: demo.cluster().kubeconfigPath,
        context: "dev-cluster",
        namespace: "webapp",
        workload_type: "service",
        service: "frontend-service",
        remote_port: 80,
        local_port: 0,
      });
    await client.forwards.start.mutate({ aliases: ["one", "two"] });
    await waitRunning(client, ["one", "two"]);
    closeFerryClient(client);

    const tui = new TmuxTui({ home: home.home, columns: 140, rows: 30 });
    demo.open.push(tui);
    const screen = await tui.waitFor("handed over", 60_000);
    const lines = screen.split("\n");
    const { client: fresh, daemon } = clientOfRunningDaemon(home.home);
    try {
      expect(daemon.version).not.toBe(OLD);
      expect(lines).toContainEqual(
        expect.stringContaining(
          `ferryd ${OLD} handed over to ferryd ${daemon.version} (this TUI's version)`,
        ),
      );
      expect(lines.join("\n")).toMatch(
        /2 of 2 forwards running again after a gap of \d+\.\d s: one, two/,
      );
      expect(screen).not.toContain("not restored");
      expect(old.pid && alive(old.pid)).toBe(false);
      tui.save("version-skew");
      await tui.waitFor(/one\s.*running/);
      await tui.waitFor(/two\s.*running/);
      await tui.waitFor(/idle\s.*stopped/);
      await waitRunning(fresh, ["one", "two"]);
      // The notice stays until the next key, as any note.
      await tui.press("j");
      await tui.waitFor((s) => !s.includes("handed over"));
    } finally {
      closeFerryClient(fresh);
    }
  });
});
