// Relay pods as Ferry creates them, and small API helpers for the tests that drive them.
import { readdirSync, readFileSync } from "node:fs";
import https from "node:https";
import { relayBundleSource } from "@ferry/relay-server/bundle";
import type { KubeSim } from "../../src/index.ts";
import { RELAY_LABELS } from "../../src/index.ts";

export const RELAY_NS = "kftray-relay";
/** The pinned official Node image a default manifest names; the sim never pulls anything. */
export const NODE_IMAGE = "node:24.11.1-alpine";

export type RelayPodOptions = {
  image?: string;
  /** Default `["node", "-e", <bundle>]`; `null` leaves the container without a command. */
  command?: string[] | null;
  restartPolicy?: "Always" | "OnFailure" | "Never";
  labels?: Record<string, string>;
};

/** A relay pod as Ferry's default manifest renders it: Ferry's labels, `node -e <bundle>`. */
export function relayPod(name: string, env: Record<string, string>, o: RelayPodOptions = {}) {
  const command = o.command === undefined ? ["node", "-e", relayBundleSource()] : o.command;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: RELAY_NS, labels: o.labels ?? { ...RELAY_LABELS, app: name } },
    spec: {
      restartPolicy: o.restartPolicy ?? "Never",
      containers: [
        {
          name: "relay",
          image: o.image ?? NODE_IMAGE,
          ...(command ? { command } : {}),
          ports: [{ name: "relay", containerPort: 8080 }],
          env: Object.entries({ LOCAL_PORT: "8080", ...env }).map(([n, value]) => ({
            name: n,
            value,
          })),
        },
      ],
    },
  };
}

// biome-ignore lint/suspicious/noExplicitAny: answers are open JSON.
export type ApiAnswer = { status: number; text: string; json(): any };

/** Any API request with the sim's token; `body` is sent as JSON unless it is a string. */
export function apiRequest(
  sim: Pick<KubeSim, "server" | "caPem" | "token">,
  method: string,
  path: string,
  body?: unknown,
  contentType = "application/json",
  token = sim.token,
): Promise<ApiAnswer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${sim.server}${path}`,
      {
        method,
        ca: sim.caPem,
        headers: { Authorization: `Bearer ${token}`, "content-type": contentType },
      },
      (res) => {
        let text = "";
        res.on("data", (d) => {
          text += d;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, text, json: () => JSON.parse(text) }),
        );
      },
    );
    req.on("error", reject);
    req.end(
      body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    );
  });
}

export async function createPod(sim: KubeSim, body: object, ns = RELAY_NS): Promise<void> {
  const r = await apiRequest(sim, "POST", `/api/v1/namespaces/${ns}/pods`, body);
  if (r.status !== 201) throw new Error(`create pod: HTTP ${r.status} ${r.text}`);
}

export const isReady = (sim: KubeSim, name: string, ns = RELAY_NS) =>
  sim
    .getPod(ns, name)
    ?.status.conditions?.some(
      (c: { type: string; status: string }) => c.type === "Ready" && c.status === "True",
    );

/** PIDs of live processes whose environment says they are this pod's container. */
export function containerPids(podName: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, "utf8");
      if (stat.slice(stat.lastIndexOf(")") + 2).startsWith("Z")) continue;
      const env = readFileSync(`/proc/${d}/environ`, "utf8").split("\0");
      if (env.includes(`HOSTNAME=${podName}`)) out.push(Number(d));
    } catch {
      // The process went away while we looked.
    }
  }
  return out;
}
