// A relay pod's container as a real process: the container's own `command`/`args` (or, with no
// command, the program a known relay image runs), under the local Node binary, in a fresh
// temporary directory, with only the container's environment. Nothing of the repository is on
// its command line, in its environment or its working directory, so a pod template's inline
// bundle (`node -e <bundle>`) has to work on its own.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { relayBundleSource } from "@ferry/relay-server/bundle";
import type { PodLog } from "./podLog.ts";

export type ContainerSpec = {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env: Record<string, string>;
};

export type ContainerRunOptions = {
  /** Images whose entrypoint is the relay program (used when a container has no `command`). */
  relayImages: RegExp;
  /** Prepended to the container's argv, e.g. strace in a test. */
  wrapper?: string[];
  podName: string;
};

export type ContainerProcess = {
  child: ChildProcess | undefined;
  /** Resolves with the port the relay reports listening on; rejects when it exits first. */
  listening: Promise<number>;
  /** Resolves once the process has exited: exit code, or 128 + signal number, as the kubelet reports. */
  exited: Promise<{ exitCode: number; reason: "Completed" | "Error" | "StartError" }>;
  kill(): void;
};

const SIGNALS: Record<string, number> = { SIGKILL: 9, SIGTERM: 15, SIGINT: 2, SIGHUP: 1 };

/** `$(VAR)` in command and args, from the container's env, as the kubelet expands it. */
export function expandVars(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (whole, name: string | undefined) =>
    name === undefined ? "$" : (env[name] ?? whole),
  );
}

/** The argv a container runs, or a StartError message when nothing here can run it. */
export function containerArgv(
  c: ContainerSpec,
  dir: string,
  relayImages: RegExp,
): string[] | { error: string } {
  let argv = [...(c.command ?? []), ...(c.args ?? [])].map((a) => expandVars(a, c.env));
  if (!c.command?.length) {
    if (!relayImages.test(c.image))
      return {
        error: `kube-sim: container "${c.name}" has no command and image "${c.image}" is not a known relay image`,
      };
    // The image's entrypoint: the relay program, as the Dockerfile's image runs it.
    const program = join(dir, "relay.js");
    writeFileSync(program, relayBundleSource());
    argv = ["node", program, ...argv];
  }
  const [exe, ...rest] = argv;
  if (!exe || basename(exe) !== "node")
    return {
      error: `exec: "${exe ?? ""}": executable file not found in $PATH (kube-sim runs only node)`,
    };
  // Found through PATH as `<dir>/bin/node`, a link to the local Node binary (see runContainer).
  return ["node", ...rest];
}

/** The image's PATH (the official Node image's), behind a bin dir holding `node`. */
const IMAGE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

export function runContainer(
  c: ContainerSpec,
  log: PodLog,
  opts: ContainerRunOptions,
): ContainerProcess {
  log.newRun();
  const dir = mkdtempSync(join(tmpdir(), `kube-sim-${opts.podName}-`));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  // `node` maps to the local Node binary through a link in the pod's own directory, so neither
  // argv[0] nor PATH names where that binary lives (a toolchain inside the repository).
  mkdirSync(join(dir, "bin"));
  symlinkSync(process.execPath, join(dir, "bin", "node"));
  const env: Record<string, string> = {
    ...c.env,
    PATH: `${join(dir, "bin")}:${c.env.PATH ?? IMAGE_PATH}`,
    HOSTNAME: opts.podName,
    HOME: dir,
    // Every pod shares this host: the relay must pick its own port and stay on loopback.
    LOCAL_PORT: "0",
    BIND_HOST: "127.0.0.1",
  };
  // A kftray server image speaks only the legacy framing, whatever the env says.
  if (!c.command?.length && /kftray-server/.test(c.image)) env.UDP_FRAMING = "legacy";
  const argv = containerArgv(c, dir, opts.relayImages);
  if (!Array.isArray(argv)) {
    log.append(`${argv.error}\n`);
    cleanup();
    const failed = Promise.reject(new Error(argv.error));
    failed.catch(() => {});
    return {
      child: undefined,
      listening: failed,
      exited: Promise.resolve({ exitCode: 128, reason: "StartError" }),
      kill() {},
    };
  }
  const [exe, ...args] = [...(opts.wrapper ?? []), ...argv] as [string, ...string[]];
  const child = spawn(exe, args, {
    cwd: dir,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a kill reaches whatever it started (a wrapper's tracee too).
    detached: true,
  });
  let resolvePort: (p: number) => void = () => {};
  let rejectPort: (e: Error) => void = () => {};
  const listening = new Promise<number>((res, rej) => {
    resolvePort = res;
    rejectPort = rej;
  });
  listening.catch(() => {});
  let seen = "";
  const onData = (d: Buffer) => {
    const text = d.toString();
    log.append(text);
    if (seen.length < 64 * 1024) seen += text;
    const m = /relay listening on [^\s]*:(\d+)/.exec(seen);
    if (m) resolvePort(Number(m[1]));
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<{ exitCode: number; reason: "Completed" | "Error" }>((resolve) => {
    child.on("error", (err) => log.append(`${err.message}\n`));
    child.on("close", (code, signal) => {
      cleanup();
      const exitCode = code ?? 128 + (SIGNALS[signal ?? ""] ?? 9);
      rejectPort(new Error(`container exited (${exitCode}) before listening`));
      resolve({ exitCode, reason: exitCode === 0 ? "Completed" : "Error" });
    });
  });
  return {
    child,
    listening,
    exited,
    kill() {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    },
  };
}
