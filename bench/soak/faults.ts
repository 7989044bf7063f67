// The soak's faults. Each injects, holds for `holdMs` where it has a duration, lifts, and says
// when it was lifted (the moment recovery is measured from).
import type { KubeSim } from "../../tooling/kube-sim/src/index.ts";
import { sleep } from "../udp/daemonWithSim.ts";

export type FaultName = "pod-delete" | "stall" | "api-pause" | "sleep" | "relay-delete";

const RELAY = "app.kubernetes.io/component";

/** Runs one fault; resolves the lift time (performance.now()) and what was done. */
export async function runFault(
  name: FaultName,
  ctx: { sim: KubeSim; daemonPid: () => number; holdMs: number },
): Promise<{ lift: number; detail: string }> {
  const { sim, holdMs } = ctx;
  switch (name) {
    case "pod-delete": {
      const pods = [
        ...sim.listPods("webapp").filter((p) => p.metadata.labels?.app === "frontend"),
        ...sim.listPods("backend").filter((p) => p.metadata.labels?.app === "auth"),
      ].filter((p) => !p.metadata.deletionTimestamp);
      for (const p of pods) sim.deletePod(p.metadata.namespace!, p.metadata.name!);
      return { lift: performance.now(), detail: `deleted ${pods.length} target pods` };
    }
    case "relay-delete": {
      const relays = sim.listPods().filter((p) => p.metadata.labels?.[RELAY] === "relay");
      const udp = relays.find((p) => envOf(p, "PROXY_TYPE") === "udp");
      const tcp = relays.find((p) => envOf(p, "PROXY_TYPE") === "tcp");
      const victims = [udp, tcp].filter((p) => p !== undefined);
      for (const p of victims) sim.deletePod(p.metadata.namespace!, p.metadata.name!);
      return {
        lift: performance.now(),
        detail: `deleted ${victims.length} relay pods (1 UDP, 1 proxy)`,
      };
    }
    case "stall": {
      const n = sim.stall();
      // New connections work during a stall: recovery counts from its start.
      const lift = performance.now();
      await sleep(holdMs);
      sim.resumeNetwork();
      return { lift, detail: `stalled ${n} API connections for ${holdMs / 1000} s, then resumed` };
    }
    case "api-pause": {
      await sim.pauseApi();
      await sleep(holdMs);
      await sim.resumeApi();
      return { lift: performance.now(), detail: `API closed for ${holdMs / 1000} s` };
    }
    case "sleep": {
      const pid = ctx.daemonPid();
      process.kill(pid, "SIGSTOP");
      await sleep(holdMs);
      process.kill(pid, "SIGCONT");
      return { lift: performance.now(), detail: `daemon SIGSTOP for ${holdMs / 1000} s, SIGCONT` };
    }
  }
}

function envOf(pod: object, key: string): string | undefined {
  const spec = (pod as { spec?: { containers?: { env?: { name: string; value?: string }[] }[] } })
    .spec;
  return spec?.containers?.[0]?.env?.find((e) => e.name === key)?.value;
}
