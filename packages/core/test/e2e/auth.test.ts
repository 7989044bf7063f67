// Auth the way kubeconfigs really carry it: an exec credential plugin (as EKS/GKE/OIDC helpers
// are), used by the watches and by every port-forward WebSocket; a wrong token is a clear error.

import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { echoOnce, kubeconfigWithUser, openSocket, tcpConfig, useSimAndEngine } from "./helpers.ts";

const { sim, newEngine } = useSimAndEngine();

const withUser = (dir: string, name: string, user: object) =>
  kubeconfigWithUser(sim().kubeconfigPath, dir, name, user);

describe("kube auth", () => {
  it("an exec credential plugin authenticates the watches and every port-forward stream", async () => {
    const t = newEngine();
    const plugin = join(t.home, "cred.mjs");
    const calls = join(t.home, "calls");
    writeFileSync(
      plugin,
      `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(calls)}, "x");
console.log(JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1beta1", kind: "ExecCredential", status: { token: ${JSON.stringify(sim().token)} } }));
`,
    );
    chmodSync(plugin, 0o755);
    const kubeconfig = withUser(t.home, "exec-config", {
      exec: {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: process.execPath,
        args: [plugin],
        interactiveMode: "Never",
      },
    });
    const cfg = tcpConfig(kubeconfig, { remote_port: 9000 });
    await t.engine.start(cfg);
    const s = await t.waitFor(cfg.id, (x) => x.state === "running");
    for (let i = 0; i < 3; i++) {
      const sock = await openSocket(s.localPort!);
      expect(await echoOnce(sock, `exec-${i}`)).toBe(`exec-${i}`);
      sock.destroy();
    }
    expect(readFileSync(calls, "utf8").length).toBeGreaterThan(0);
  });

  it("a rejected token is an error naming the context, not a silent hang", async () => {
    const t = newEngine();
    const kubeconfig = withUser(t.home, "bad-token", { token: "not-the-token" });
    const s = await t.engine.start(tcpConfig(kubeconfig));
    expect(s.state).toBe("error");
    expect(s.error?.code).toBe("FORBIDDEN");
    expect(s.error?.message).toContain('"sim"');
    expect(s.error?.message).toContain("401");
  });
});
