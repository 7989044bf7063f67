// Forwards that cannot run say why: kube access problems and ports in use.

import { spawn } from "node:child_process";
import { createSocket } from "node:dgram";
import { once } from "node:events";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { exchange, tcpConfig, useSimAndEngine } from "./helpers.ts";

const { sim, newEngine } = useSimAndEngine();

describe("forwards in error", () => {
  it("an unknown context names the context and the kubeconfig", async () => {
    const t = newEngine();
    const s = await t.engine.start(tcpConfig(sim().kubeconfigPath, { context: "no-such-ctx" }));
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("UNKNOWN_CONTEXT");
    expect(s.error?.message).toContain('"no-such-ctx"');
    expect(s.error?.message).toContain(sim().kubeconfigPath);
    expect(s.localPort).toBeNull();
  });

  it("an unreachable cluster (sim-down) is CLUSTER_UNREACHABLE naming the context", async () => {
    const t = newEngine();
    const s = await t.engine.start(tcpConfig(sim().kubeconfigPath, { context: "sim-down" }));
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("CLUSTER_UNREACHABLE");
    expect(s.error?.message).toContain('"sim-down"');
    expect(s.error?.message).toMatch(/ECONNREFUSED|connect/);
  });

  it("an unreadable kubeconfig is KUBECONFIG_UNREADABLE naming the file", async () => {
    const t = newEngine();
    const missing = join(t.home, "nope", "config");
    const s = await t.engine.start(tcpConfig(missing));
    expect(s.error?.code).toBe("KUBECONFIG_UNREADABLE");
    expect(s.error?.message).toContain(missing);
    const bad = join(t.home, "bad-config");
    writeFileSync(bad, "{ this is: [not yaml");
    const s2 = await t.engine.start(tcpConfig(bad));
    expect(s2.error?.code).toBe("KUBECONFIG_UNREADABLE");
  });

  it("a missing service or port is an error, not a silent forward", async () => {
    const t = newEngine();
    const s = await t.engine.start(tcpConfig(sim().kubeconfigPath, { service: "ghost" }));
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("TARGET_NOT_FOUND");
    expect(s.error?.message).toContain("ghost");
  });

  it("a port held by another Ferry config is PORT_IN_USE naming that config", async () => {
    const t = newEngine();
    const first = await t.engine.start(tcpConfig(sim().kubeconfigPath, { alias: "web-echo" }));
    expect(first.localPort).toBeGreaterThan(0);
    const second = await t.engine.start(
      tcpConfig(sim().kubeconfigPath, { alias: "clash", local_port: first.localPort }),
    );
    expect(second.state).toBe("error");
    expect(second.error?.code).toBe("PORT_IN_USE");
    expect(second.error?.message).toContain('"web-echo"');
    expect(second.error?.message).toContain(String(first.localPort));
    // The first forward is untouched.
    expect(t.engine.status(first.id)?.localPort).toBe(first.localPort);
  });

  for (const host of ["127.0.0.1", "0.0.0.0"]) {
    it(`a port another program holds on ${host} is PORT_IN_USE naming that program, not a Ferry config`, async () => {
      // A separate program, as a user's would be; the parent reads the port it got.
      const squatter = spawn(
        process.execPath,
        [
          "-e",
          `const s = require("node:net").createServer().listen(0, "${host}", () => console.log(s.address().port));`,
        ],
        { stdio: ["ignore", "pipe", "inherit"] },
      );
      try {
        const [line] = (await once(squatter.stdout!, "data")) as [Buffer];
        const port = Number(line.toString().trim());
        // What the daemon passed (the saved config with that port: the very one starting) is
        // no longer taken as the holder.
        const t = newEngine({ portOwner: () => "me" });
        const cfg = tcpConfig(sim().kubeconfigPath, { alias: "me", local_port: port });
        const s = await t.engine.start(cfg);
        expect(s.error?.code).toBe("PORT_IN_USE");
        expect(s.error?.message).toContain("another program");
        expect(s.error?.message).toContain(`pid ${squatter.pid}`);
        expect(s.error?.message).toContain("node");
        expect(s.error?.message).not.toContain("Ferry config");
      } finally {
        squatter.kill();
      }
    });
  }

  it("a UDP port another program holds is the same PORT_IN_USE as TCP", async () => {
    const squatter = createSocket("udp4");
    await new Promise<void>((r) => squatter.bind(0, "127.0.0.1", r));
    const port = squatter.address().port;
    try {
      const t = newEngine();
      const s = await t.engine.start(
        tcpConfig(sim().kubeconfigPath, {
          workload_type: "proxy",
          service: null,
          protocol: "udp",
          remote_address: "127.0.0.1",
          remote_port: 53,
          local_port: port,
        }),
      );
      expect(s.state).toBe("error");
      expect(s.error?.code).toBe("PORT_IN_USE");
      expect(s.error?.message).toContain(
        `UDP port 127.0.0.1:${port} is already in use by another program (pid ${process.pid}`,
      );
    } finally {
      squatter.close();
    }
  });

  it("the error channel's message reaches the event log; the refused connection ends, the forward stays", async () => {
    const t = newEngine({ connectWaitMs: 500 });
    // Nothing listens on container port 1234 of the web pods: the kubelet answers on channel 1.
    const cfg = tcpConfig(sim().kubeconfigPath, {
      workload_type: "pod",
      service: null,
      target: "app=web",
      remote_port: 1234,
    });
    const s = await t.engine.start(cfg);
    expect(s.state).toBe("running");
    const got = await exchange(s.localPort!, "hello").catch(() => Buffer.alloc(0));
    expect(got.length).toBe(0);
    await t.waitFor(cfg.id, () => t.logs(cfg.id).some((l) => /1234.*connection refused/.test(l)));
    // kubelet text, not data: nothing of it was written to the client (got is empty above).
    expect(t.engine.status(cfg.id)?.state).toBe("running");
  });
});
