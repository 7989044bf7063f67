// The sim in its own process (the kube-sim CLI), so a test can sample the sim's RSS alone.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import YAML from "yaml";
import { until } from "./helpers.ts";

const BIN = join(import.meta.dirname, "../../src/bin/kube-sim.ts");

export type SimProcess = {
  child: ChildProcess;
  kubeconfig: string;
  server: string;
  token: string;
  ca: string;
  /** Name of a Running, Ready pod whose name starts with `prefix-`. */
  readyPod(ns: string, prefix: string): Promise<string>;
  /** Types a command on the CLI's stdin; resolves with the output once it matches `answer`. */
  command(line: string, answer: RegExp): Promise<string>;
  /** The sim process's resident set, bytes. */
  rss(): number;
  close(): void;
};

/** Starts the CLI on `scenario` (a built-in name or a file) with a kubeconfig in a temp dir. */
export async function startSimProcess(scenario: string, args: string[] = []): Promise<SimProcess> {
  const dir = mkdtempSync(join(tmpdir(), "kube-sim-proc-"));
  const kubeconfig = join(dir, "kubeconfig");
  const child = spawn(
    process.execPath,
    [BIN, "--scenario", scenario, "--kubeconfig", kubeconfig, ...args],
    {
      stdio: ["pipe", "pipe", "inherit"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  await until(() => out.includes("kubeconfig:"), "sim started");
  const kc = YAML.parse(readFileSync(kubeconfig, "utf8"));
  const pid = child.pid as number;
  return {
    child,
    kubeconfig,
    server: kc.clusters[0].cluster.server,
    ca: Buffer.from(kc.clusters[0].cluster["certificate-authority-data"], "base64").toString(),
    token: kc.users[0].user.token,
    async readyPod(ns, prefix) {
      const re = new RegExp(`^${ns}/(${prefix}-\\S+) Running ready=True$`, "m");
      // Asks again until the pod is there: the CLI answers `pods` with the state of that moment.
      let asked = 0;
      return until(() => {
        const found = re.exec(out)?.[1];
        if (!found && Date.now() - asked > 300) {
          asked = Date.now();
          child.stdin?.write(`pods ${ns}\n`);
        }
        return found;
      }, `${ns}/${prefix} ready`);
    },
    async command(line, answer) {
      const from = out.length;
      child.stdin?.write(`${line}\n`);
      await until(() => answer.test(out.slice(from)), `answer to "${line}": ${answer}`);
      return out.slice(from);
    },
    rss() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      return Number(m?.[1] ?? 0) * 1024;
    },
    close() {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
