// Relay pods (Ferry's labels) run their container's command, the relay bundle, with cluster
// networking emulated.
import net from "node:net";
import { encodeFrame, FrameDecoder } from "@ferry/relay-server/codec";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { openPortForward, until } from "./helpers.ts";
import { containerPids, createPod, isReady, relayPod } from "./relayHelpers.ts";

describe("relay pods", () => {
  let sim: KubeSim;
  beforeAll(async () => {
    sim = await startKubeSim({ scenario: "demo" });
    await until(
      () =>
        sim
          .listPods()
          .every((p) =>
            p.status.conditions.some(
              (c: { type: string; status: string }) => c.type === "Ready" && c.status === "True",
            ),
          ),
      "demo pods ready",
    );
  });
  afterAll(() => sim.close());

  const terminated = (name: string) =>
    sim.getPod("kftray-relay", name)?.status.containerStatuses?.[0]?.state?.terminated;

  const post = (body: object) => createPod(sim, body);

  it("TCP relay to a Service name reaches the service's pods through a port-forward", async () => {
    await post(
      relayPod("relay-tcp", {
        REMOTE_ADDRESS: "frontend-service.webapp.svc.cluster.local",
        REMOTE_PORT: "80",
        PROXY_TYPE: "tcp",
      }),
    );
    await until(() => isReady(sim, "relay-tcp"), "relay ready");
    const pf = await openPortForward(sim, "kftray-relay", "relay-tcp", [8080]);
    pf.send(0, "GET /via-relay HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    await pf.closed;
    const text = pf.received(0).toString();
    expect(text).toContain('"path":"/via-relay"');
    expect(text).toMatch(/"pod":"frontend-/);
  });

  it("TCP relay to an address outside the cluster (a local server) and to the private redis", async () => {
    const outside = net.createServer((s) => s.end("outside-hello"));
    await new Promise<void>((r) => outside.listen(0, "127.0.0.1", r));
    const port = (outside.address() as net.AddressInfo).port;
    await post(
      relayPod(
        "relay-out",
        { REMOTE_ADDRESS: "127.0.0.1", REMOTE_PORT: String(port) },
        // kftray's image, no command: the sim runs the relay as that image's program.
        { image: "kftray-server:latest", command: null },
      ),
    );
    await until(() => isReady(sim, "relay-out"), "relay ready");
    const pf = await openPortForward(sim, "kftray-relay", "relay-out", [8080]);
    await pf.closed;
    expect(pf.received(0).toString()).toBe("outside-hello");
    outside.close();

    await post(
      relayPod("relay-redis", {
        REMOTE_ADDRESS: "redis-master.internal-db.private",
        REMOTE_PORT: "6379",
      }),
    );
    await until(() => isReady(sim, "relay-redis"), "relay ready");
    const r = await openPortForward(sim, "kftray-relay", "relay-redis", [8080]);
    r.send(0, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\nv1\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n");
    await until(() => r.received(0).toString() === "+OK\r\n$2\r\nv1\r\n+PONG\r\n", "redis replies");
    r.ws.close();
  });

  it("UDP relay to kube-dns answers real DNS for the demo services", async () => {
    await post(
      relayPod("relay-dns", { REMOTE_ADDRESS: "kube-dns", REMOTE_PORT: "53", PROXY_TYPE: "udp" }),
    );
    await until(() => isReady(sim, "relay-dns"), "relay ready");
    const pf = await openPortForward(sim, "kftray-relay", "relay-dns", [8080]);
    const q = dnsPacket.encode({
      type: "query",
      id: 7,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: "A", name: "frontend-service.webapp.svc.cluster.local" }],
    });
    const q2 = dnsPacket.encode({
      type: "query",
      id: 8,
      questions: [{ type: "A", name: "kubernetes.default.svc.cluster.local" }],
    });
    pf.send(0, Buffer.concat([encodeFrame(q), encodeFrame(q2)]));
    const answers = await until(() => {
      const frames = new FrameDecoder().push(pf.received(0));
      return frames.length === 2 && frames.map((f) => dnsPacket.decode(f));
    }, "two DNS replies");
    const byId = new Map(answers.map((a) => [a.id, a]));
    expect(byId.get(7)?.answers?.[0]).toMatchObject({
      type: "A",
      data: expect.stringMatching(/^10\.96\.0\.\d+$/),
    });
    expect(byId.get(8)?.answers?.[0]).toMatchObject({ type: "A", data: "10.96.0.1" });
    pf.ws.close();
  });

  it("relay exit marks the pod Succeeded; delete kills the relay", async () => {
    await post(
      relayPod("relay-idle", {
        REMOTE_ADDRESS: "127.0.0.1",
        REMOTE_PORT: "1",
        IDLE_EXIT_SECONDS: "0.3",
      }),
    );
    await until(
      () => sim.getPod("kftray-relay", "relay-idle")?.status.phase === "Succeeded",
      "Succeeded",
      15_000,
    );
    expect(terminated("relay-idle")).toMatchObject({ exitCode: 0, reason: "Completed" });
    await post(relayPod("relay-bad", { REMOTE_ADDRESS: "", REMOTE_PORT: "x" }));
    await until(() => sim.getPod("kftray-relay", "relay-bad")?.status.phase === "Failed", "Failed");
    // The relay's own exit status (2: bad configuration), as the kubelet reports a crash.
    expect(terminated("relay-bad")).toMatchObject({ exitCode: 2, reason: "Error" });
    expect(sim.deletePod("kftray-relay", "relay-tcp")).toBe(true);
    expect(sim.getPod("kftray-relay", "relay-tcp")).toBeUndefined();
  });

  it("close() kills every relay child", async () => {
    await post(relayPod("relay-last", { REMOTE_ADDRESS: "127.0.0.1", REMOTE_PORT: "1" }));
    await until(() => isReady(sim, "relay-last"), "relay ready");
    expect(containerPids("relay-last")).toHaveLength(1);
    await sim.close();
    expect(containerPids("relay-last")).toEqual([]);
  });
});
