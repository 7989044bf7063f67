import { describe, expect, it } from "vitest";
import { ferry, useTempDirs, writeInput } from "./configHarness.ts";
import { addServiceArgs } from "./daemonHarness.ts";
import { usePortHolders } from "./portHolder.ts";
import { useKubeSim } from "./simHarness.ts";

// Issue 13's hardening, as a CLI user meets it: each refusal is one clear message, exit 1.
describe("hardening, through the CLI", () => {
  const tempDir = useTempDirs();
  const sim = useKubeSim();
  const hold = usePortHolders();

  it("an alias with control characters is refused by name; nothing is imported", async () => {
    const h = tempDir();
    const file = writeInput(
      tempDir(),
      "bad.json",
      '[{"alias":"ok\\u001b[31m","namespace":"webapp","workload_type":"service","service":"frontend","remote_port":80}]',
    );
    const run = await ferry(h, ["config", "import", file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      '[0].alias: expected text without control or bidi characters, got "ok\\u001b[31m"',
    );
    expect(run.stderr).not.toContain("\u001b");
    expect(JSON.parse((await ferry(h, ["config", "list", "--json"])).stdout)).toEqual([]);
  });

  it("a remote address given as a URL is refused, naming the flag and suggesting the host", async () => {
    const run = await ferry(tempDir(), [
      "config",
      "add",
      "--namespace",
      "db",
      "--workload-type",
      "proxy",
      "--remote-address",
      "http://host:6379/db",
      "--remote-port",
      "6379",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'ferry: invalid config:\n  --remote-address: expected a host name or IP address, got "http://host:6379/db"; did you mean "host"?\n',
    );
  });

  it("a local port held by another program is blamed on it, not on a Ferry config", async () => {
    const { run } = sim.home();
    // Another program (a plain Node listener, not Ferry) holds a port first.
    const holder = await hold("tcp");
    const port = holder.port;
    const web = { namespace: "webapp", service: "frontend-service", localPort: port };
    expect((await run(addServiceArgs("web", web, ["--context", "dev-cluster"]))).code).toBe(0);
    const start = await run(["start", "web"]);
    expect(start.code).toBe(1);
    expect(start.stderr).toContain(
      `web: local port 127.0.0.1:${port} is already in use by another program (pid ${holder.pid}: ${process.execPath} -e `,
    );
    expect(start.stderr).toContain("stop it or pick another local_port (PORT_IN_USE)");
    expect(start.stderr).not.toMatch(/config ['"]web['"]/);
  });
});
