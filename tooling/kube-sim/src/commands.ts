// The fault commands the kube-sim CLI reads on stdin, one per line; each returns its answer.
import type { KubeSim } from "./index.ts";

export const HELP = `commands (stdin):
  pods [ns]                          list pods with phase and readiness
  delete <ns> <pod>                  delete a pod (workload pods are replaced)
  ready <ns> <pod> on|off            force readiness
  drop <ns> <pod>                    cut every port-forward stream of a pod
  evict <ns> <pod>                   evict a running pod (Failed, reason Evicted; workloads replaced)
  imagepull <regex>|off              new pods whose image matches never pull (ImagePullBackOff)
  unschedulable <ns|*> on|off        new pods in ns stay Pending (Unschedulable)
  deny <verbs> <resources> <nss>     RBAC deny rule, comma lists or *, e.g. deny create pods/portforward locked
  allow-all                          remove every deny rule
  logs <ns> <pod> [tailLines]        a pod's log
  annotate <svc|deploy|sts> <ns> <name> key=value|key- ...
                                     set or remove annotations (as kubectl annotate)
  pause                              stop the API listener and cut every connection
  stall                              open API connections pass no bytes; new ones work (--network-faults)
  blackhole                          as stall, and new connections hang too (--network-faults)
  resume                             undo pause, stall and blackhole
  rotate-token [token]               new API token (old one: 401); written to the token file
  latency <ms>                       delay every API request
  compact                            forget watch history (old resourceVersions get 410)
  quit`;

const ANNOTATABLE: Record<string, "services" | "deployments" | "statefulsets"> = {
  svc: "services",
  service: "services",
  services: "services",
  deploy: "deployments",
  deployment: "deployments",
  deployments: "deployments",
  sts: "statefulsets",
  statefulset: "statefulsets",
  statefulsets: "statefulsets",
};

const list = (v: string | undefined) =>
  v === undefined || v === "*" ? undefined : v.split(",").filter(Boolean);

/** Runs one command line against the sim; the answer is what the CLI prints. */
export async function runCommand(sim: KubeSim, line: string): Promise<string> {
  const [cmd, a, b, c] = line.trim().split(/\s+/);
  const ok = (v: unknown) => (v ? "ok" : "not found");
  switch (cmd) {
    case undefined:
    case "":
      return "";
    case "pods":
      return sim
        .listPods(a)
        .map((p) => {
          const ready =
            p.status.conditions?.find((x: { type: string }) => x.type === "Ready")?.status ??
            "False";
          const waiting = p.status.containerStatuses?.[0]?.state?.waiting?.reason;
          const why = p.status.reason ?? waiting;
          return `${p.metadata.namespace}/${p.metadata.name} ${p.status.phase} ready=${ready}${why ? ` ${why}` : ""}`;
        })
        .join("\n");
    case "delete":
      return ok(sim.deletePod(a ?? "", b ?? ""));
    case "ready":
      return ok(sim.setReady(a ?? "", b ?? "", c !== "off" && c !== "false"));
    case "drop":
      return `dropped ${sim.dropConnections(a ?? "", b ?? "")} stream(s)`;
    case "evict":
      return sim.evictPod(a ?? "", b ?? "") ? "evicted" : "not found or not running";
    case "imagepull":
      if (!a) return "usage: imagepull <regex>|off";
      if (a === "off") {
        sim.clearImagePullFailures();
        return "image pulls work";
      }
      sim.failImagePulls(a);
      return `images matching /${a}/ never pull`;
    case "unschedulable":
      if (!a) return "usage: unschedulable <ns|*> on|off";
      sim.setUnschedulable(a, b !== "off");
      return `namespace ${a}: ${b !== "off" ? "unschedulable" : "schedulable"}`;
    case "deny":
      sim.denyAccess({ verbs: list(a), resources: list(b), namespaces: list(c) });
      return `denied ${a ?? "*"} on ${b ?? "*"} in ${c ?? "*"}`;
    case "allow-all":
      sim.allowAllAccess();
      return "every deny rule removed";
    case "annotate": {
      const kind = ANNOTATABLE[a ?? ""];
      const [, , , , ...pairs] = line.trim().split(/\s+/);
      if (!kind || !b || !c || pairs.length === 0)
        return "usage: annotate <svc|deploy|sts> <ns> <name> key=value|key- ...";
      const changes: Record<string, string | null> = {};
      for (const p of pairs) {
        const eq = p.indexOf("=");
        if (eq > 0) changes[p.slice(0, eq)] = p.slice(eq + 1);
        else if (p.endsWith("-")) changes[p.slice(0, -1)] = null;
        else return `"${p}": expected key=value or key-`;
      }
      return sim.annotate(kind, b, c, changes) ? "annotated" : "not found";
    }
    case "logs":
      return (
        sim.podLogs(a ?? "", b ?? "", c === undefined ? {} : { tailLines: Number(c) }) ??
        "not found"
      );
    case "pause":
      await sim.pauseApi();
      return "api paused";
    case "stall":
      return `stalled ${sim.stall()} connection(s); new connections work`;
    case "blackhole":
      return `blackholed: ${sim.blackhole()} connection(s) stalled, new connections hang`;
    case "resume": {
      await sim.resumeApi();
      let n = 0;
      try {
        n = sim.resumeNetwork();
      } catch {
        // Started without --network-faults: nothing can be stalled.
      }
      return `api resumed (${n} stalled connection(s) flow again)`;
    }
    case "rotate-token":
      sim.rotateToken(a);
      return `token rotated; the old one gets 401 (current token in ${sim.tokenFile})`;
    case "latency":
      sim.setLatency(Number(a ?? 0));
      return `latency ${Number(a ?? 0)} ms`;
    case "compact":
      sim.compact();
      return "history compacted";
    default:
      return HELP;
  }
}
