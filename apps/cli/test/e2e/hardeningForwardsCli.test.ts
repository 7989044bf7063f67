import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "./configHarness.ts";
import { ferryWith } from "./daemonHarness.ts";
import { usePortHolders } from "./portHolder.ts";
import { type SimHome, useKubeSim } from "./simHarness.ts";

/** `nc -N` (Debian's netcat-openbsd): sends its input, half-closes, and exits when the peer ends. */
function runNc(port: number, input: string): Promise<{ ended: boolean; stdout: string }> {
  return new Promise((resolve) => {
    const nc = spawn("nc", ["-N", "127.0.0.1", String(port)], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    let stdout = "";
    nc.stdout.on("data", (d) => {
      stdout += d;
    });
    const timer = setTimeout(() => nc.kill(), 10_000);
    nc.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ ended: code === 0, stdout });
    });
    nc.stdin.end(input);
  });
}

interface Row {
  alias: string;
  state: string;
  connections: number;
  localPort: number;
}

// Issue 13 points 0, 4 and 5 as a CLI user meets them: the forwards themselves, through ferryd.
describe("hardening of the forwards, through the CLI and ferryd", () => {
  const sim = useKubeSim();
  const hold = usePortHolders();

  const rowOf = async (h: SimHome, env: NodeJS.ProcessEnv, alias: string): Promise<Row> => {
    const status = await ferryWith(h.home, ["status", "--json"], env);
    expect(status.code, status.stderr).toBe(0);
    const row = (JSON.parse(status.stdout) as Row[]).find((r) => r.alias === alias);
    if (!row) throw new Error(`no row for ${alias}`);
    return row;
  };
  /** Polls `ferry status` until `pass` holds (bounded), and returns the last row. */
  const rowWhen = async (
    h: SimHome,
    env: NodeJS.ProcessEnv,
    alias: string,
    pass: (r: Row) => boolean,
  ): Promise<Row> => {
    let row = await rowOf(h, env, alias);
    for (let i = 0; i < 150 && !pass(row); i++) {
      await new Promise((r) => setTimeout(r, 100));
      row = await rowOf(h, env, alias);
    }
    return row;
  };

  for (const transport of ["tunnel", "v4"] as const) {
    it(`short connections through a proxy forward all end, at Ferry and for nc (${transport})`, async () => {
      const h = sim.home();
      const env = { ...h.env, ...(transport === "v4" ? { FERRY_PORT_FORWARD: "v4" } : {}) };
      const run = (args: string[]) => ferryWith(h.home, args, env);
      expect((await run(["config", "import", EXAMPLES])).code).toBe(0);
      expect((await run(["config", "edit", "private-redis-proxy", "--local-port", "0"])).code).toBe(
        0,
      );
      const start = await run(["start", "private-redis-proxy"]);
      expect(start.code, start.stderr).toBe(0);
      const { localPort } = await rowOf(h, env, "private-redis-proxy");
      // `nc -N` half-closes after its input; before the fix it got +PONG and then hung for ever.
      for (let i = 0; i < 20; i++) {
        // Asynchronous: kube-sim serves the relay pod from this very process.
        const nc = await runNc(localPort, "PING\r\n");
        expect(nc.ended, `nc #${i} did not end`).toBe(true);
        expect(nc.stdout).toBe("+PONG\r\n");
      }
      const settled = await rowWhen(h, env, "private-redis-proxy", (r) => r.connections === 0);
      expect(settled.connections).toBe(0);
    });
  }

  it("a UDP port held by another program is PORT_IN_USE naming it (not bind EADDRINUSE)", async () => {
    const h = sim.home();
    const holder = await hold("udp");
    const port = holder.port;
    expect((await h.run(["config", "import", EXAMPLES])).code).toBe(0);
    expect((await h.run(["config", "edit", "cluster-dns-udp", "--local-port", port])).code).toBe(0);
    const start = await h.run(["start", "cluster-dns-udp"]);
    expect(start.code).toBe(1);
    expect(start.stderr).toContain(
      `cluster-dns-udp: UDP port 127.0.0.1:${port} is already in use by another program (pid ${holder.pid}:`,
    );
    expect(start.stderr).toContain("(PORT_IN_USE)");
    expect(start.stderr).not.toContain("EADDRINUSE");
  });

  it("a relay forward says reconnecting while the API is down, and running after", async () => {
    const h = sim.home();
    expect((await h.run(["config", "import", EXAMPLES])).code).toBe(0);
    expect((await h.run(["config", "edit", "private-redis-proxy", "--local-port", "0"])).code).toBe(
      0,
    );
    const start = await h.run(["start", "private-redis-proxy"]);
    expect(start.code, start.stderr).toBe(0);
    await sim.cluster().pauseApi();
    try {
      const down = await rowWhen(h, h.env, "private-redis-proxy", (r) => r.state !== "running");
      expect(down.state).toBe("reconnecting");
    } finally {
      await sim.cluster().resumeApi();
    }
    const back = await rowWhen(h, h.env, "private-redis-proxy", (r) => r.state === "running");
    expect(back.state).toBe("running");
  });
});
