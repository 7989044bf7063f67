// Test helpers: a raw WebSocket port-forward client and small waiting utilities.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import https from "node:https";
import WebSocket from "ws";
import type { KubeSim } from "../../src/index.ts";

export type PfClient = {
  ws: WebSocket;
  /** Bytes received on a channel, port header stripped. */
  received(channel: number): Buffer;
  headers: Map<number, number>;
  send(channel: number, data: Buffer | string): void;
  closed: Promise<void>;
};

export function openPortForward(
  sim: KubeSim,
  ns: string,
  pod: string,
  ports: number[],
  protocols: string[] = ["v4.channel.k8s.io"],
): Promise<PfClient> {
  const url = `${sim.server.replace("https", "wss")}/api/v1/namespaces/${ns}/pods/${pod}/portforward?ports=${ports.join(",")}`;
  const ws = new WebSocket(url, protocols, {
    ca: sim.caPem,
    headers: { Authorization: `Bearer ${sim.token}` },
  });
  const chunks = new Map<number, Buffer[]>();
  const headers = new Map<number, number>();
  ws.on("message", (d: Buffer) => {
    const ch = d[0] as number;
    let payload = d.subarray(1);
    if (!headers.has(ch)) {
      headers.set(ch, payload.readUInt16LE(0));
      payload = payload.subarray(2);
    }
    if (payload.length) chunks.set(ch, [...(chunks.get(ch) ?? []), payload]);
  });
  const closed = new Promise<void>((r) => ws.on("close", () => r()));
  return new Promise((resolve, reject) => {
    ws.on("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.on("error", reject);
    ws.on("open", () =>
      resolve({
        ws,
        headers,
        received: (c) => Buffer.concat(chunks.get(c) ?? []),
        send: (c, data) => ws.send(Buffer.concat([Buffer.from([c]), Buffer.from(data)])),
        closed,
      }),
    );
  });
}

export async function until<T>(
  fn: () => T | undefined | false | Promise<T | undefined | false>,
  what = "condition",
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A plain HTTPS GET against the sim, returning status and parsed JSON. */
export function apiGet(
  sim: KubeSim,
  path: string,
  token = sim.token,
  // biome-ignore lint/suspicious/noExplicitAny: answers are open JSON.
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${sim.server}${path}`,
      { ca: sim.caPem, headers: token ? { Authorization: `Bearer ${token}` } : {} },
      (res) => {
        let s = "";
        res.on("data", (d) => {
          s += d;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: s ? JSON.parse(s) : undefined }),
        );
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export const readyPods = (sim: KubeSim, ns: string, prefix: string) =>
  sim
    .listPods(ns)
    .filter(
      (p) =>
        p.metadata.name.startsWith(prefix) &&
        p.status.conditions.some(
          (c: { type: string; status: string }) => c.type === "Ready" && c.status === "True",
        ),
    );

export const hasKubectl =
  spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

export const hasStrace = spawnSync("strace", ["-V"], { encoding: "utf8" }).status === 0;

/** Debian's Python, where `apt-get install python3-kubernetes` puts the official client. */
export const PYTHON = "/usr/bin/python3";
export const hasPythonKubernetes =
  spawnSync(PYTHON, ["-c", "import kubernetes"], { encoding: "utf8" }).status === 0;

export type KubectlForward = { k: ChildProcess; port: number; out(): string };

/** `kubectl port-forward <args>` with a kubeconfig; resolves once kubectl prints its local port. */
export async function kubectlPortForward(
  kubeconfig: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<KubectlForward> {
  const k = spawn("kubectl", ["--kubeconfig", kubeconfig, "port-forward", ...args], {
    env: { ...process.env, ...env },
  });
  let out = "";
  k.stdout.on("data", (d) => {
    out += d;
  });
  k.stderr.on("data", (d) => {
    out += d;
  });
  const port = Number(
    await until(() => /Forwarding from 127\.0\.0\.1:(\d+)/.exec(out)?.[1], "Forwarding line").catch(
      (e: Error) => {
        k.kill("SIGKILL");
        throw new Error(`${e.message}; kubectl said: ${out}`);
      },
    ),
  );
  return { k, port, out: () => out };
}
