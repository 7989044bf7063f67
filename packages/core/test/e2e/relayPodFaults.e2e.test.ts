// Issue 15: what a real cluster does to a relay pod, emulated by kube-sim, reaches the forward as
// an error with the pod's own reason (not a timeout); RBAC is checked before any pod is made.

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { defaultManifestText } from "../../src/relay/proxyManifest.ts";
import { proxyConfig, useSimAndEngine, waitUntil } from "./helpers.ts";
import { askUntilAnswered, outsideUdp, udpPeer } from "./relaySupport.ts";

const { sim, newEngine } = useSimAndEngine();

/** Ferry's relay pods in the sim now (not being deleted). */
const relayPods = () =>
  (sim().listPods() as { metadata: { name: string; labels?: Record<string, string> } }[]).filter(
    (p) => p.metadata.labels?.["app.kubernetes.io/managed-by"] === "ferry",
  );

afterEach(() => {
  sim().allowAllAccess();
  sim().clearImagePullFailures();
  sim().setUnschedulable("default", false);
});

describe("relay pod faults", () => {
  it("a denied right is RELAY_FORBIDDEN naming verb, resource, namespace and context, before any pod", async () => {
    sim().denyAccess({
      verbs: ["create"],
      resources: ["pods/portforward"],
      namespaces: ["default"],
    });
    const before = relayPods().length;
    const t = newEngine();
    const s = await t.engine.start(proxyConfig(sim().kubeconfigPath, { remote_port: 6379 }));
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("RELAY_FORBIDDEN");
    expect(s.error?.message).toContain("create pods/portforward");
    expect(s.error?.message).toContain('namespace "default"');
    expect(s.error?.message).toContain('context "sim"');
    expect(s.error?.message).toContain("minimal Role");
    expect(relayPods().length).toBe(before);
  });

  it("an image that never pulls is RELAY_IMAGE_PULL with the pod's reason", async () => {
    sim().failImagePulls(/node:/);
    const t = newEngine();
    const s = await t.engine.start(proxyConfig(sim().kubeconfigPath, { remote_port: 6379 }));
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("RELAY_IMAGE_PULL");
    expect(s.error?.message).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(s.error?.message).toContain("node:24");
  });

  it("a pod that cannot be scheduled is RELAY_UNSCHEDULABLE with the scheduler's reason", async () => {
    sim().setUnschedulable("default", true);
    const t = newEngine();
    const s = await t.engine.start(proxyConfig(sim().kubeconfigPath, { remote_port: 6379 }));
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("RELAY_UNSCHEDULABLE");
    expect(s.error?.message).toContain("cannot be scheduled");
  });

  it("a crashing relay command is RELAY_FAILED quoting its last log lines", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ferry-crashing-relay-"));
    const manifest = join(dir, "crashing.json");
    await writeFile(
      manifest,
      defaultManifestText(
        undefined,
        "console.log('relay: cannot parse REMOTE_PORT'); process.exit(2)",
      ),
    );
    const t = newEngine({ relayManifestPath: manifest });
    const s = await t.engine.start(proxyConfig(sim().kubeconfigPath, { remote_port: 6379 }));
    await rm(dir, { recursive: true, force: true });
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("RELAY_FAILED");
    expect(s.error?.message).toContain("exit code 2");
    expect(s.error?.message).toContain("relay: cannot parse REMOTE_PORT");
  });

  it("an evicted relay is reported with the pod's reason and replaced by a new pod", async () => {
    const remote = await outsideUdp();
    const peer = await udpPeer();
    try {
      const t = newEngine();
      const cfg = proxyConfig(sim().kubeconfigPath, { protocol: "udp", remote_port: remote.port });
      const s = await t.engine.start(cfg);
      expect(s.state, JSON.stringify(s.error)).toBe("running");
      expect(String(await askUntilAnswered(peer, "before", s.localPort!))).toBe("before");
      const [ns, name] = s.pod!.split("/") as [string, string];
      expect(sim().evictPod(ns, name)).toBe(true);
      await waitUntil(
        () => `an Evicted reason in the events (logs: ${t.logs(cfg.id).join(" | ")})`,
        () =>
          t.events.some(
            (e) =>
              e.type === "status" &&
              e.status.id === cfg.id &&
              e.status.state === "reconnecting" &&
              /Evicted/.test(e.status.error?.message ?? ""),
          ),
      );
      const back = await t.waitFor(cfg.id, (x) => x.state === "running" && x.pod !== s.pod, 30_000);
      expect(back.pod).not.toBe(s.pod);
      expect(String(await askUntilAnswered(peer, "after", back.localPort!))).toBe("after");
    } finally {
      peer.close();
      remote.close();
    }
  });
});
