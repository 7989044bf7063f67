// Starts the real relay program (src/main.ts) as a child process, the way a pod or kube-sim does.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export const MAIN = fileURLToPath(new URL("../src/main.ts", import.meta.url));

export interface RelayProcess {
  child: ChildProcess;
  port: number;
  /** Everything written to stdout so far. */
  output(): string;
  /** Resolves with the exit code once the program has exited. */
  exited: Promise<number | null>;
  /** Resolves once stdout contains `text`. */
  waitFor(text: string | RegExp): Promise<void>;
  stop(): Promise<void>;
}

export interface SpawnOptions {
  /** Run this script text as `node -e <source>` (the bundle) instead of src/main.ts. */
  source?: string;
  /** Working directory of the child (default: this process's). */
  cwd?: string;
}

export function spawnRelay(
  env: Record<string, string>,
  options: SpawnOptions = {},
): Promise<RelayProcess> {
  const args = options.source === undefined ? [MAIN] : ["-e", options.source];
  const child = spawn(process.execPath, args, {
    env: { PATH: process.env.PATH ?? "", BIND_HOST: "127.0.0.1", LOCAL_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    cwd: options.cwd,
  });
  let out = "";
  const waiters: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const w of waiters.splice(0)) w();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const waitFor = (text: string | RegExp) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (typeof text === "string" ? out.includes(text) : text.test(out)) resolve();
        else if (child.exitCode !== null)
          reject(new Error(`relay exited before "${text}":\n${out}`));
        else waiters.push(check);
      };
      check();
      void exited.then(() => setImmediate(check));
    });
  return waitFor(/relay listening on [^:]+:(\d+)/).then(() => ({
    child,
    port: Number(/relay listening on [^:]+:(\d+)/.exec(out)![1]),
    output: () => out,
    exited,
    waitFor,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGKILL");
      await exited;
    },
  }));
}
