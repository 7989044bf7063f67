import { spawn } from "node:child_process";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { closeFerryClient, createFerryClient, ferryErrorOf } from "../../src/client/index.ts";
import { writeDaemonFile } from "../../src/daemon/daemonFile.ts";
import { clientOfRunningDaemon, connectDaemon, ferryVersion } from "../../src/node/index.ts";
import { FERRYD, useDaemons, waitForDaemon, waitForExit } from "./daemonHarness.ts";

// Issue 13 points 9 and 10: FERRY_HOME is private, and neither the home nor daemon.json is
// trusted blindly.

const mode = (path: string) => statSync(path).mode & 0o777;

/** A server on a loopback port that takes any request and answers like a tRPC server; it records them. */
async function impostor() {
  const seen: IncomingHttpHeaders[] = [];
  const bodies: string[] = [];
  const paths: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    paths.push(req.url ?? "");
    let body = "";
    req.on("data", (d) => {
      body += d;
    });
    req.on("end", () => {
      bodies.push(body);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify([{ result: { data: { added: [], updated: [], unchanged: [] } } }]));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const close = () => {
    server.closeAllConnections();
    server.close();
  };
  return { port, seen, bodies, paths, close };
}

/** A daemon.json (owner-only, as ferryd writes it) that points at `port`, for a process long gone. */
function plantDaemonFile(home: string, port: number, version: string): void {
  writeDaemonFile(home, {
    pid: 4_194_304, // above pid_max: no process the harness could kill
    host: "127.0.0.1",
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    token: "the-real-users-token-0123456789",
    startedAt: Date.now(),
    version,
  });
}

/** ferryd under `umask 022`, the usual default, so modes come from Ferry and not the test's umask. */
function spawnWithUmask(home: string) {
  const child = spawn("sh", ["-c", `umask 022 && exec "${process.execPath}" "${FERRYD}"`], {
    env: { ...process.env, FERRY_HOME: home },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return Object.assign(child, { stderr: () => stderr });
}

describe("FERRY_HOME is private", () => {
  const daemons = useDaemons();

  it("creates the home 0700 and every file in it 0600 under umask 022", async () => {
    const home = join(daemons.home(), "fresh");
    const child = spawnWithUmask(home);
    try {
      const d = await waitForDaemon(home);
      const { client } = clientOfRunningDaemon(home);
      await client.configs.create.mutate({
        namespace: "webapp",
        workload_type: "service",
        service: "web",
        remote_port: 80,
      });
      expect(mode(home)).toBe(0o700);
      const files = [
        "configs.db",
        "configs.db-wal",
        "configs.db-shm",
        "daemon.lock",
        "daemon.json",
        "daemon.log",
      ];
      expect(Object.fromEntries(files.map((f) => [f, mode(join(home, f)).toString(8)]))).toEqual(
        Object.fromEntries(files.map((f) => [f, "600"])),
      );
      expect(d.pid).toBe(child.pid);
    } finally {
      child.kill("SIGTERM");
      await waitForExit(child);
    }
  });

  it("tightens an existing home and its files at start-up", async () => {
    const home = join(daemons.home(), "old");
    mkdirSync(home, { mode: 0o755 });
    chmodSync(home, 0o755);
    writeFileSync(join(home, "proxy_manifest.json"), "{}\n", { mode: 0o644 });
    writeFileSync(join(home, "daemon.log"), "old line\n", { mode: 0o644 });
    const child = spawnWithUmask(home);
    try {
      await waitForDaemon(home);
      expect(mode(home)).toBe(0o700);
      expect(mode(join(home, "proxy_manifest.json"))).toBe(0o600);
      expect(mode(join(home, "daemon.log"))).toBe(0o600);
    } finally {
      child.kill("SIGTERM");
      await waitForExit(child);
    }
  });
});

describe("FERRY_HOME and daemon.json are checked before use", () => {
  const daemons = useDaemons();

  it("refuses a home that others can write, saying how to fix it", async () => {
    const home = join(daemons.home(), "shared");
    mkdirSync(home);
    chmodSync(home, 0o777);
    const child = spawnWithUmask(home);
    expect(await waitForExit(child)).toBe(1);
    const { code, message } = JSON.parse(child.stderr().trim().split("\n").pop() ?? "{}");
    expect(code).toBe("HOME_NOT_SAFE");
    expect(message).toContain(`chmod 700 ${home}`);
    expect(existsSync(join(home, "configs.db"))).toBe(false);
  });

  it.runIf(process.getuid?.() === 0)("refuses a home owned by another user", async () => {
    const home = join(daemons.home(), "theirs");
    mkdirSync(home, { mode: 0o700 });
    chownSync(home, 65534, 65534);
    const child = spawnWithUmask(home);
    expect(await waitForExit(child)).toBe(1);
    const { code, message } = JSON.parse(child.stderr().trim().split("\n").pop() ?? "{}");
    expect(code).toBe("HOME_NOT_SAFE");
    expect(message).toMatch(/owned by uid 65534/);
  });

  it("does not follow a daemon.log symlink", async () => {
    const home = join(daemons.home(), "linked");
    mkdirSync(home, { mode: 0o700 });
    const target = join(daemons.home(), "victim.txt");
    writeFileSync(target, "precious\n");
    symlinkSync(target, join(home, "daemon.log"));
    const child = spawnWithUmask(home);
    try {
      await waitForDaemon(home);
      expect(readFileSync(target, "utf8")).toBe("precious\n");
    } finally {
      child.kill("SIGTERM");
      await waitForExit(child);
    }
    expect(readFileSync(target, "utf8")).toBe("precious\n");
  });

  it("sends nothing to a server that cannot prove it holds daemon.json's token", async () => {
    const home = daemons.home();
    const fake = await impostor();
    try {
      plantDaemonFile(home, fake.port, "0.1.0");
      const { client } = clientOfRunningDaemon(home);
      const err = await client.configs.import
        .mutate({ text: '[{"namespace":"secret-stuff"}]' })
        .then(() => null)
        .catch(ferryErrorOf);
      expect(err?.code).toBe("DAEMON_NOT_VERIFIED");
      expect(fake.seen.some((h) => h.authorization !== undefined)).toBe(false);
      expect(fake.bodies.some((b) => b.includes("secret-stuff"))).toBe(false);
    } finally {
      fake.close();
    }
  });

  it("connectDaemon: an impostor on a same-version daemon.json's port gets only the challenge, and a real ferryd starts", async () => {
    const home = daemons.home();
    const fake = await impostor();
    try {
      plantDaemonFile(home, fake.port, ferryVersion());
      const { client, daemon, started } = await connectDaemon({ home });
      try {
        expect(started).toBe(true);
        expect(daemon.port).not.toBe(fake.port);
        expect(await client.forwards.status.query()).toEqual([]);
      } finally {
        closeFerryClient(client);
      }
      expect(fake.paths.length).toBeGreaterThan(0);
      expect(fake.paths.filter((p) => !p.startsWith("/_ferry/challenge?"))).toEqual([]);
      expect(fake.seen.some((h) => h.authorization !== undefined)).toBe(false);
    } finally {
      fake.close();
    }
  });

  it("refuses a daemon.json that others can read or that another user owns", async () => {
    const home = daemons.home();
    daemons.spawn(home);
    await waitForDaemon(home);
    chmodSync(join(home, "daemon.json"), 0o644);
    let err: unknown = null;
    try {
      clientOfRunningDaemon(home);
    } catch (e) {
      err = e;
    }
    expect(ferryErrorOf(err)).toMatchObject({ code: "DAEMON_FILE_NOT_SAFE" });
    expect(ferryErrorOf(err).message).toContain("daemon.json");
    // createFerryClient itself is not involved: a browser gets url and token from elsewhere.
    expect(typeof createFerryClient).toBe("function");
  });
});
