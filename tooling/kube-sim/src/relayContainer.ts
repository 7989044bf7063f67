// A relay pod's container over its life: runs of its command, and on exit the end of the pod or a
// restart after a CrashLoopBackOff delay, as its restartPolicy says.
import { type ContainerSpec, runContainer } from "./containerRunner.ts";
import type { PodState } from "./podObject.ts";
import { type PodRuntime, portKey } from "./podRuntime.ts";
import type { KObject } from "./store.ts";

export type RelayHost = {
  /** Is this still the live runtime of its pod (not deleted, cluster not closed)? */
  current(rt: PodRuntime): boolean;
  setPhase(rt: PodRuntime, phase: PodState, ready: boolean): void;
  later(ms: number, fn: () => void, rt: PodRuntime): void;
  run(): { relayImages: RegExp; wrapper?: string[]; restartBackoffMs: number };
};

type Route = (
  address: string,
  port: number,
  proto: "TCP" | "UDP",
) => Promise<{ host: string; port: number }>;

/**
 * The first container of a relay pod as the sim runs it: plain env values, with REMOTE_ADDRESS
 * rewritten to where that address really is from the pod's namespace.
 */
export async function relayContainerSpec(
  pod: KObject,
  route: Route,
): Promise<{ spec: ContainerSpec; containerPort: number }> {
  const c = pod.spec.containers[0];
  const env: Record<string, string> = {};
  for (const e of c.env ?? []) if (typeof e.value === "string") env[e.name] = e.value;
  const proto = (env.PROXY_TYPE ?? "tcp").toLowerCase() === "udp" ? "UDP" : "TCP";
  if (env.REMOTE_ADDRESS && env.REMOTE_PORT) {
    const t = await route(env.REMOTE_ADDRESS, Number(env.REMOTE_PORT), proto);
    env.REMOTE_ADDRESS = t.host;
    env.REMOTE_PORT = String(t.port);
  }
  const containerPort = Number(c.ports?.[0]?.containerPort ?? env.LOCAL_PORT ?? 0);
  return {
    spec: { name: c.name, image: c.image, command: c.command, args: c.args, env },
    containerPort,
  };
}

export type RelayRun = { spec: ContainerSpec; containerPort: number; policy: string; uid: string };

/** One run of a relay container; on exit, the pod ends or restarts as its restartPolicy says. */
export function runRelayContainer(host: RelayHost, rt: PodRuntime, r: RelayRun): void {
  if (!host.current(rt)) return;
  const opts = host.run();
  const proc = runContainer(r.spec, rt.log, {
    relayImages: opts.relayImages,
    wrapper: opts.wrapper,
    podName: rt.name,
  });
  rt.container = proc;
  const startedAt = new Date().toISOString();
  const live = () => rt.container === proc && host.current(rt) && !rt.evicted;
  proc.listening.then(
    (port) => {
      if (!live()) return;
      rt.ports.set(portKey(r.containerPort), { host: "127.0.0.1", port });
      host.setPhase(rt, "Running", true);
    },
    () => {},
  );
  void proc.exited.then(({ exitCode, reason }) => {
    if (!live()) return;
    rt.ports.delete(portKey(r.containerPort));
    for (const drop of [...rt.forwards]) drop();
    const restart = r.policy === "Always" || (r.policy === "OnFailure" && exitCode !== 0);
    if (!restart) {
      rt.exit = { exitCode, reason };
      host.setPhase(rt, exitCode === 0 ? "Succeeded" : "Failed", false);
      return;
    }
    rt.restartCount += 1;
    rt.lastTerminated = { exitCode, reason, startedAt, finishedAt: new Date().toISOString() };
    const backoff = Math.min(opts.restartBackoffMs * 2 ** (rt.restartCount - 1), 300_000);
    rt.waiting = {
      reason: "CrashLoopBackOff",
      message: `back-off ${Math.round(backoff / 1000)}s restarting failed container=${r.spec.name} pod=${rt.name}_${rt.ns}(${r.uid})`,
    };
    host.setPhase(rt, "Running", false);
    host.later(
      backoff,
      () => {
        rt.waiting = undefined;
        runRelayContainer(host, rt, r);
      },
      rt,
    );
  });
}
