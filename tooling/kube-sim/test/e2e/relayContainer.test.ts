// What a relay pod's container runs: its own command (the inline bundle), found by Ferry's labels
// whatever the image, with nothing of the repository at hand; its logs; crash loops.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readlinkSync, realpathSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type KubeSim, startKubeSim } from "../../src/index.ts";
import { hasKubectl, hasStrace, openPortForward, until } from "./helpers.ts";
import {
  apiRequest,
  containerPids,
  createPod,
  isReady,
  RELAY_NS,
  relayPod,
} from "./relayHelpers.ts";

const REPO = realpathSync(fileURLToPath(new URL("../../../../", import.meta.url)));
const run = promisify(execFile);

const echoServer = async () => {
  const server = net.createServer((s) => s.pipe(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as net.AddressInfo).port };
};

describe.skipIf(!hasStrace)("the relay bundle runs on its own (strace)", () => {
  let sim: KubeSim;
  let dir: string;
  let echo: Awaited<ReturnType<typeof echoServer>>;
  const trace = () => readFileSync(join(dir, "trace"), "utf8");
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "kube-sim-strace-"));
    echo = await echoServer();
    sim = await startKubeSim({
      scenario: "demo",
      containerWrapper: [
        "strace",
        "-f",
        "-qq",
        "-e",
        "trace=open,openat,openat2,execve,chdir,stat,readlink",
        "-s",
        "4096",
        "-o",
        join(dir, "trace"),
      ],
    });
  });
  afterAll(async () => {
    await sim.close();
    echo.server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("opens no repository file, and has no repository path in argv, env or cwd", async () => {
    await createPod(
      sim,
      relayPod("relay-alone", { REMOTE_ADDRESS: "127.0.0.1", REMOTE_PORT: String(echo.port) }),
    );
    await until(() => isReady(sim, "relay-alone"), "relay ready");
    const pf = await openPortForward(sim, RELAY_NS, "relay-alone", [8080]);
    pf.send(0, "ping through the bundle");
    await until(() => pf.received(0).toString() === "ping through the bundle", "echo");

    const node = realpathSync(process.execPath);
    const [pid] = containerPids("relay-alone").filter(
      (p) => readlinkSync(`/proc/${p}/exe`) === node,
    );
    expect(pid).toBeDefined();
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    expect(cmdline.slice(0, 2)).toEqual(["node", "-e"]);
    expect(cmdline.join(" ")).not.toContain(REPO);
    expect(readFileSync(`/proc/${pid}/environ`, "utf8")).not.toContain(REPO);
    expect(readlinkSync(`/proc/${pid}/cwd`)).not.toContain(REPO);
    const fds = (await run("ls", ["-l", `/proc/${pid}/fd`])).stdout;
    expect(fds).not.toContain(REPO);

    // Every path the process tree asked the kernel for: only Node's own binary is in the repo.
    const paths = [...trace().matchAll(/^\d+\s+\w+\((?:AT_FDCWD, )?"([^"]*)"/gm)].map((m) => m[1]);
    expect(paths.length).toBeGreaterThan(3);
    const inRepo = [
      ...new Set(paths.map((p) => normalize(p ?? "")).filter((p) => p.startsWith(REPO))),
    ];
    expect(inRepo.filter((p) => p !== node)).toEqual([]);
    expect(trace()).toMatch(/execve\("[^"]*\/bin\/node", \["node", "-e", /);
    pf.ws.close();
  });
});

describe("relay pods: labels, command, logs, crash loops", () => {
  let sim: KubeSim;
  let echo: Awaited<ReturnType<typeof echoServer>>;
  beforeAll(async () => {
    echo = await echoServer();
    sim = await startKubeSim({ scenario: "demo", restartBackoffMs: 300 });
  });
  afterAll(async () => {
    await sim.close();
    echo.server.close();
  });
  const status = (name: string) => sim.getPod(RELAY_NS, name)?.status;
  const log = (name: string, query = "") =>
    apiRequest(sim, "GET", `/api/v1/namespaces/${RELAY_NS}/pods/${name}/log${query}`);

  it("a relay image without Ferry's labels is not run as a relay", async () => {
    await createPod(
      sim,
      relayPod(
        "not-a-relay",
        { REMOTE_ADDRESS: "127.0.0.1", REMOTE_PORT: String(echo.port) },
        { image: "ghcr.io/ferry-dev/ferry-relay:0.1.0", command: null, labels: { app: "x" } },
      ),
    );
    await until(() => isReady(sim, "not-a-relay"), "plain pod ready");
    expect(containerPids("not-a-relay")).toEqual([]);
    expect((await log("not-a-relay")).text).toBe("");
  });

  it("serves the container's output with tailLines, sinceSeconds and timestamps", async () => {
    await createPod(
      sim,
      relayPod("relay-logs", { REMOTE_ADDRESS: "127.0.0.1", REMOTE_PORT: String(echo.port) }),
    );
    await until(() => isReady(sim, "relay-logs"), "relay ready");
    const pf = await openPortForward(sim, RELAY_NS, "relay-logs", [8080]);
    pf.send(0, "x");
    await until(() => pf.received(0).length === 1, "echo");
    pf.ws.close();
    const all = (await log("relay-logs")).text;
    expect(all).toMatch(/relay listening on 127\.0\.0\.1:\d+ \(tcp -> 127\.0\.0\.1:\d+/);
    expect(all).toMatch(/connected to 127\.0\.0\.1/);
    const lines = all.trimEnd().split("\n");
    expect((await log("relay-logs", "?tailLines=1")).text).toBe(`${lines.at(-1)}\n`);
    expect((await log("relay-logs", "?timestamps=true&tailLines=1")).text).toMatch(
      /^\d{4}-\d\d-\d\dT[\d:.]+Z \S/,
    );
    await new Promise((r) => setTimeout(r, 1100));
    expect((await log("relay-logs", "?sinceSeconds=1")).text).toBe("");
    expect((await log("relay-logs", "?sinceSeconds=60")).text).toBe(all);
  });

  it.skipIf(!hasKubectl)("kubectl logs --tail reads it", async () => {
    const { stdout } = await run("kubectl", [
      "--kubeconfig",
      sim.kubeconfigPath,
      "logs",
      "-n",
      RELAY_NS,
      "relay-logs",
      "--tail=2",
    ]);
    expect(stdout.trimEnd().split("\n")).toHaveLength(2);
  });

  it("a command that fails with restartPolicy Always crash-loops, with its logs", async () => {
    await createPod(
      sim,
      relayPod(
        "relay-crash",
        {},
        {
          restartPolicy: "Always",
          command: [
            "node",
            "-e",
            "console.log('relay: cannot start, run', Date.now()); process.exit(3)",
          ],
        },
      ),
    );
    await until(
      () => (status("relay-crash")?.containerStatuses?.[0]?.restartCount ?? 0) >= 2,
      "two restarts",
    );
    const s = status("relay-crash");
    expect(s.phase).toBe("Running");
    const c = s.containerStatuses[0];
    expect(c.ready).toBe(false);
    expect(c.lastState.terminated).toMatchObject({ exitCode: 3, reason: "Error" });
    if (c.state.waiting) expect(c.state.waiting.reason).toBe("CrashLoopBackOff");
    expect(s.conditions.find((x: { type: string }) => x.type === "Ready").status).toBe("False");
    expect((await log("relay-crash")).text).toMatch(/^relay: cannot start, run \d+\n$/);
    expect((await log("relay-crash", "?previous=true")).text).toMatch(/^relay: cannot start/);
  });

  it("with restartPolicy Never a failing command ends Failed, and a non-node command StartError", async () => {
    await createPod(
      sim,
      relayPod(
        "relay-fails",
        {},
        { command: ["node", "-e", "console.error('no'); process.exit(1)"] },
      ),
    );
    await until(() => status("relay-fails")?.phase === "Failed", "Failed");
    expect(status("relay-fails").containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 1,
      reason: "Error",
    });
    expect((await log("relay-fails")).text).toBe("no\n");

    await createPod(sim, relayPod("relay-sh", {}, { command: ["sh", "-c", "exit 0"] }));
    await until(() => status("relay-sh")?.phase === "Failed", "Failed");
    expect(status("relay-sh").containerStatuses[0].state.terminated).toMatchObject({
      exitCode: 128,
      reason: "StartError",
    });
    expect((await log("relay-sh")).text).toMatch(/exec: "sh": executable file not found/);
  });

  it("expands $(VAR) in args from the container's env", async () => {
    await createPod(
      sim,
      relayPod(
        "relay-vars",
        { GREETING: "hello-from-env" },
        { command: ["node", "-e", "console.log(process.argv[1])", "$(GREETING)"] },
      ),
    );
    await until(() => status("relay-vars")?.phase === "Succeeded", "Succeeded");
    expect((await log("relay-vars")).text).toBe("hello-from-env\n");
  });
});
