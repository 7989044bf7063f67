// The soak's 50 forwards on kube-sim's demo cluster, each on a fixed free local port (so the same
// ports are asked for again after a restart): TCP service forwards to the HTTP pods, UDP forwards
// to the cluster DNS (a relay pod each), TCP proxy forwards to the external Redis (a relay pod each).
import { createSocket } from "node:dgram";
import { once } from "node:events";
import { createServer } from "node:net";
import type { FerryClient } from "../../packages/store/src/client/index.ts";
import type { ForwardKind } from "./traffic.ts";

type ConfigInput = Parameters<FerryClient["configs"]["create"]["mutate"]>[0];

export const MIX = { http: 34, dns: 8, redis: 8 };

/**
 * A port that is free now and not handed out before. The kernel may give a just-closed port to
 * the next bind(0): two forwards once got the same one, and the second failed PORT_IN_USE.
 */
async function freePort(kind: "tcp" | "udp", taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await anyFreePort(kind);
    if (taken.has(port)) continue;
    taken.add(port);
    return port;
  }
}

async function anyFreePort(kind: "tcp" | "udp"): Promise<number> {
  if (kind === "udp") {
    const s = createSocket("udp4");
    await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
    const port = s.address().port;
    s.close();
    return port;
  }
  const srv = createServer().listen(0, "127.0.0.1");
  await once(srv, "listening");
  const a = srv.address();
  srv.close();
  return typeof a === "object" && a ? a.port : 0;
}

export async function forwardConfigs(kubeconfig: string) {
  const out: { kind: ForwardKind; port: number; config: ConfigInput }[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < MIX.http; i++) {
    const port = await freePort("tcp", taken);
    const front = i % 2 === 0;
    out.push({
      kind: "http",
      port,
      config: {
        alias: `soak-http-${i}`,
        context: "dev-cluster",
        kubeconfig,
        namespace: front ? "webapp" : "backend",
        workload_type: "service",
        service: front ? "frontend-service" : "auth",
        remote_port: front ? 80 : 8080,
        local_port: port,
      },
    });
  }
  for (let i = 0; i < MIX.dns; i++) {
    const port = await freePort("udp", taken);
    out.push({
      kind: "dns",
      port,
      config: {
        alias: `soak-dns-${i}`,
        context: "prod-cluster",
        kubeconfig,
        namespace: "kftray-relay",
        workload_type: "service",
        service: "kube-dns",
        protocol: "udp",
        remote_port: 53,
        local_port: port,
      },
    });
  }
  for (let i = 0; i < MIX.redis; i++) {
    const port = await freePort("tcp", taken);
    out.push({
      kind: "redis",
      port,
      config: {
        alias: `soak-redis-${i}`,
        context: "prod-cluster",
        kubeconfig,
        namespace: "kftray-relay",
        workload_type: "proxy",
        remote_address: "redis-master.internal-db.private",
        remote_port: 6379,
        local_port: port,
      },
    });
  }
  return out;
}
