// UDP forwards through a real relay pod in kube-sim: the relay is the real relay-server program.
import { execFile, execFileSync } from "node:child_process";
import { connect, createServer } from "node:net";
import { promisify } from "node:util";
import { MAX_DATAGRAM, MUX_HEADER_BYTES } from "@ferry/relay-server/codec";
import dnsPacket from "dns-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getKube } from "../../src/kube/index.ts";
import { openPortForwardStream } from "../../src/portforward/index.ts";
import { RELAY_POD_PORT } from "../../src/relay/renderRelayPod.ts";
import { waitUntil, within } from "./helpers.ts";
import {
  askUntilAnswered,
  type Harness,
  once,
  outsideUdp,
  relayConfig,
  relayForwarder,
  startKubeSim,
  tempHome,
  testOwner,
  udpPeer,
} from "./relaySupport.ts";

const hasDig = (() => {
  try {
    execFileSync("dig", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

let sim: Awaited<ReturnType<typeof startKubeSim>>;
let home: Awaited<ReturnType<typeof tempHome>>;
const owner = testOwner();
const running: Harness[] = [];

beforeAll(async () => {
  home = await tempHome();
  sim = await startKubeSim({ scenario: "demo", dir: home.dir });
});
afterAll(async () => {
  for (const h of running) await h.forwarder.stop();
  await sim?.close();
  await home?.remove();
});

async function start(over: Parameters<typeof relayConfig>[1]): Promise<Harness & { port: number }> {
  const h = relayForwarder(relayConfig(sim.kubeconfigPath, over), home.dir, owner);
  running.push(h);
  const status = await h.forwarder.start();
  if (status.state !== "running")
    throw new Error(`forward did not start: ${JSON.stringify(status.error)}`);
  return { ...h, port: status.localPort! };
}

describe("UDP forward of the demo kube-dns service", () => {
  let dns: Harness & { port: number };
  beforeAll(async () => {
    dns = await start({
      alias: "cluster-dns-udp",
      context: "prod-cluster",
      namespace: "kftray-relay",
      workload_type: "service",
      service: "kube-dns",
      protocol: "udp",
      remote_port: 53,
    });
  });

  it("answers a DNS query, checked with a DNS library", async () => {
    const peer = await udpPeer();
    const query = dnsPacket.encode({
      type: "query",
      id: 4242,
      flags: dnsPacket.RECURSION_DESIRED,
      questions: [{ type: "A", name: "kubernetes.default.svc.cluster.local" }],
    });
    peer.send(query, dns.port);
    const answer = dnsPacket.decode(await peer.next());
    expect(answer.id).toBe(4242);
    expect(answer.type).toBe("response");
    expect((answer as { rcode?: string }).rcode ?? "NOERROR").toBe("NOERROR");
    const a = answer.answers?.find((r) => r.type === "A") as
      | { name: string; data: string }
      | undefined;
    expect(a?.name).toBe("kubernetes.default.svc.cluster.local");
    expect(a?.data).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    peer.close();
  });

  it("answers 300 queries, each from a fresh source port, over one tunnel (mux framing)", async () => {
    const before = dns.streamsOpened();
    const ask = async (i: number) => {
      const peer = await udpPeer();
      try {
        const query = dnsPacket.encode({
          type: "query",
          id: i,
          flags: dnsPacket.RECURSION_DESIRED,
          questions: [{ type: "A", name: "kubernetes.default.svc.cluster.local" }],
        });
        // Sent once: a lost datagram fails the test.
        peer.send(query, dns.port);
        const answer = dnsPacket.decode(
          await within(peer.next(), `the answer to query ${i}`, 5000),
        );
        return answer.id === i && answer.answers?.some((r) => r.type === "A") === true;
      } finally {
        peer.close();
      }
    };
    let answered = 0;
    for (let batch = 0; batch < 6; batch++) {
      const got = await Promise.all(Array.from({ length: 50 }, (_, i) => ask(batch * 50 + i)));
      answered += got.filter(Boolean).length;
    }
    expect(answered).toBe(300);
    // One tunnel carries every peer (at most one more if the relay's tunnel was renewed).
    expect(dns.streamsOpened() - before).toBeLessThanOrEqual(1);
  });

  it.skipIf(!hasDig)("answers dig", async () => {
    // Async: the forwarder and the sim run in this process, so a blocking exec would starve them.
    const { stdout: out } = await promisify(execFile)("dig", [
      "+short",
      "+time=3",
      "+tries=2",
      "-p",
      String(dns.port),
      "@127.0.0.1",
      "kubernetes.default.svc.cluster.local",
    ]);
    expect(out.toString().trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/m);
  });
});

describe("UDP proxy forward to an outside UDP server", () => {
  let outside: Awaited<ReturnType<typeof outsideUdp>>;
  let fwd: Harness & { port: number };
  beforeAll(async () => {
    outside = await outsideUdp();
    fwd = await start({
      workload_type: "proxy",
      protocol: "udp",
      remote_address: "127.0.0.1",
      remote_port: outside.port,
    });
  });
  afterAll(() => outside?.close());

  it("reaches the outside echo", async () => {
    const peer = await udpPeer();
    peer.send("hello outside", fwd.port);
    expect(String(await peer.next())).toBe("hello outside");
    peer.close();
  });

  it("delivers all three replies to one request", async () => {
    const peer = await udpPeer();
    peer.send("three", fwd.port);
    expect([await peer.next(), await peer.next(), await peer.next()].map(String)).toEqual([
      "one",
      "two",
      "three",
    ]);
    peer.close();
  });

  it("gives two local peers talking at once only their own replies", async () => {
    const a = await udpPeer();
    const b = await udpPeer();
    for (let i = 0; i < 25; i++) {
      a.send(`a-${i}`, fwd.port);
      b.send(`b-${i}`, fwd.port);
    }
    const gotA = await Promise.all(Array.from({ length: 25 }, () => a.next()));
    const gotB = await Promise.all(Array.from({ length: 25 }, () => b.next()));
    expect(gotA.map(String).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `a-${i}`).sort());
    expect(gotB.map(String).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `b-${i}`).sort());
    a.close();
    b.close();
  });

  it("carries the largest datagram and the relay refuses a frame over the limit", async () => {
    const peer = await udpPeer();
    const big = Buffer.alloc(MAX_DATAGRAM, 7);
    peer.send(big, fwd.port);
    expect((await peer.next()).equals(big)).toBe(true);
    peer.close();

    // A raw tunnel through the same port-forward: a mux header (the default template's framing)
    // announcing 65508 bytes closes it.
    const kube = getKube({ kubeconfig: sim.kubeconfigPath, context: "sim" });
    const stream = await openPortForwardStream(kube.kc, fwd.forwarder.pod()!, RELAY_POD_PORT);
    const header = Buffer.alloc(MUX_HEADER_BYTES);
    header.writeUInt32BE(MAX_DATAGRAM + 1, 0);
    header.writeUInt32BE(1, 4);
    stream.write(header);
    stream.on("error", () => {});
    stream.resume();
    await within(
      Promise.race([once(stream, "end"), once(stream, "close")]),
      "the relay to close a tunnel announcing an oversized frame",
    );
    // And the forward keeps working.
    const again = await udpPeer();
    expect(String(await askUntilAnswered(again, "after refusal", fwd.port))).toBe("after refusal");
    again.close();
  });

  it("a relay pod deleted during traffic is recreated and traffic resumes", async () => {
    const peer = await udpPeer();
    expect(String(await askUntilAnswered(peer, "before", fwd.port))).toBe("before");
    const old = fwd.forwarder.pod()!;
    const mark = fwd.states.length;
    const kube = getKube({ kubeconfig: sim.kubeconfigPath, context: "sim" });
    await kube.coreApi.deleteNamespacedPod({ name: old.name, namespace: old.namespace });
    await fwd.waitState("reconnecting", mark);
    await fwd.waitState("running", mark);
    expect(fwd.forwarder.pod()!.name).not.toBe(old.name);
    expect(String(await askUntilAnswered(peer, "after", fwd.port))).toBe("after");
    peer.close();
  });
});

describe("TCP proxy forward to an outside server", () => {
  it("reaches it, both ways", async () => {
    const server = createServer((s) => {
      s.write("banner\n");
      s.pipe(s);
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const port = (server.address() as { port: number }).port;
    const fwd = await start({
      workload_type: "proxy",
      protocol: "tcp",
      remote_address: "127.0.0.1",
      remote_port: port,
    });
    const client = connect(fwd.port, "127.0.0.1");
    let got = "";
    client.on("data", (d) => {
      got += d;
    });
    await within(once(client, "connect"), "the proxy forward to accept");
    client.write("ping\n");
    await waitUntil(
      () => `the echo of ping (got "${got}")`,
      () => got.includes("ping\n"),
    );
    expect(got).toBe("banner\nping\n");
    client.destroy();
    await fwd.forwarder.stop();
    server.close();
  });
});
