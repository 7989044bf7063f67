// Shared by the relay end-to-end tests: a kube-sim cluster, a RelayForwarder wired to core's real
// port-forward, and small UDP/TCP helpers. Nothing here mocks the cluster or the network.
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getKube } from "../../src/kube/index.ts";
import { PodConnector } from "../../src/portforward/index.ts";
import { RelayForwarder, type RelayForwarderDeps } from "../../src/relay/relayForwarder.ts";
import { relayOwnerId } from "../../src/relay/relayLabels.ts";
import type { ForwardConfig, ForwardEvent, ForwardState } from "../../src/types.ts";
import { e2eMode, waitUntil } from "./helpers.ts";

export { startKubeSim } from "@ferry/kube-sim";

export async function tempHome(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "ferry-relay-e2e-"));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** An owner id no other test run shares, so sweeps in parallel runs never cross. */
export function testOwner(): string {
  return relayOwnerId(`e2e-${process.pid}-${Math.random()}`, "test");
}

let nextId = 100;
export function relayConfig(kubeconfig: string, over: Partial<ForwardConfig>): ForwardConfig {
  return {
    id: nextId++,
    alias: "relay-e2e",
    context: "sim",
    kubeconfig,
    namespace: "default",
    workload_type: "proxy",
    service: null,
    target: null,
    remote_address: null,
    protocol: "udp",
    remote_port: 0,
    local_port: 0,
    local_address: "127.0.0.1",
    domain_enabled: false,
    ...over,
  };
}

export interface Harness {
  forwarder: RelayForwarder;
  /** Port-forward streams opened to the relay so far (tunnels, the lease included). */
  streamsOpened(): number;
  events: ForwardEvent[];
  states: ForwardState[];
  waitState(state: ForwardState, after?: number): Promise<void>;
}

export function relayForwarder(
  config: ForwardConfig,
  ferryHome: string,
  owner: string,
  over: Partial<RelayForwarderDeps> = {},
): Harness {
  const kube = getKube(config);
  // As the engine wires it: through a PodConnector (the tunnel, or v4 in the v4 pass).
  let connector: PodConnector | null = null;
  let streams = 0;
  const events: ForwardEvent[] = [];
  const states: ForwardState[] = [];
  const forwarder = new RelayForwarder(config, {
    api: kube.coreApi,
    openPodStream: (pod, port) => {
      connector ??= new PodConnector(kube.kc, { mode: e2eMode });
      streams += 1;
      return connector.open(pod, port);
    },
    closePodStreams: () => {
      connector?.close();
      connector = null;
    },
    ferryHome,
    owner,
    readyTimeoutMs: 20_000,
    monitorMs: 300,
    emit: (e) => {
      events.push(e);
      if (e.type === "status") states.push(e.status.state);
    },
    ...over,
  });
  return {
    forwarder,
    streamsOpened: () => streams,
    events,
    states,
    waitState: (state, after = 0) =>
      waitUntil(
        () => `state ${state} (states so far: ${states.slice(after).join(", ")})`,
        () => states.slice(after).includes(state),
        30_000,
      ),
  };
}

export interface UdpPeer {
  socket: UdpSocket;
  send(data: Buffer | string, port: number): void;
  /** The next datagram; with `ms`, null when none came in that long (its wait is withdrawn). */
  next(): Promise<Buffer>;
  next(ms: number): Promise<Buffer | null>;
  close(): void;
}

export async function udpPeer(): Promise<UdpPeer> {
  const socket = createSocket("udp4");
  await new Promise<void>((r) => socket.bind(0, "127.0.0.1", r));
  const queue: Buffer[] = [];
  const waiting: Array<(b: Buffer) => void> = [];
  socket.on("message", (m) => {
    const w = waiting.shift();
    if (w) w(m);
    else queue.push(m);
  });
  function next(): Promise<Buffer>;
  function next(ms: number): Promise<Buffer | null>;
  function next(ms?: number): Promise<Buffer | null> {
    const b = queue.shift();
    if (b) return Promise.resolve(b);
    return new Promise((resolve) => {
      // A wait that timed out must not stay queued: it would swallow the next datagram.
      const take = (m: Buffer) => {
        clearTimeout(timer);
        resolve(m);
      };
      const timer =
        ms === undefined
          ? undefined
          : setTimeout(() => {
              const i = waiting.indexOf(take);
              if (i >= 0) waiting.splice(i, 1);
              resolve(null);
            }, ms);
      waiting.push(take);
    });
  }
  return {
    socket,
    send: (data, port) => socket.send(data, port, "127.0.0.1"),
    next,
    close: () => socket.close(),
  };
}

/** Sends until a reply arrives (datagrams may be lost while a relay is being replaced), 30 s at most. */
export async function askUntilAnswered(peer: UdpPeer, data: string, port: number): Promise<Buffer> {
  for (let tries = 0; tries < 60; tries++) {
    peer.send(data, port);
    const reply = await peer.next(500);
    if (reply) return reply;
  }
  throw new Error(`no reply to "${data}" on UDP port ${port} within 30 s`);
}

/** An "outside the cluster" UDP server: "three" gets three replies, anything else an echo. */
export async function outsideUdp(): Promise<{ port: number; close: () => void }> {
  const s = createSocket("udp4");
  s.on("message", (msg, from) => {
    const replies =
      msg.toString() === "three" ? ["one", "two", "three"].map((x) => Buffer.from(x)) : [msg];
    for (const r of replies) s.send(r, from.port, from.address);
  });
  await new Promise<void>((r) => s.bind(0, "127.0.0.1", r));
  return { port: s.address().port, close: () => s.close() };
}

export { once };
