// Builds (once per machine, with the system's C compiler) and starts udpEcho.c, the native UDP
// echo of the UDP rows. Undefined when there is no compiler: the caller falls back to Node's.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const SOURCE = fileURLToPath(new URL("./udpEcho.c", import.meta.url));

function build(): string | undefined {
  const dir = join(tmpdir(), "ferry-bench");
  const exe = join(dir, "udpEcho");
  if (existsSync(exe) && statSync(exe).mtimeMs >= statSync(SOURCE).mtimeMs) return exe;
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync(process.env.CC ?? "cc", ["-O2", "-o", exe, SOURCE], { stdio: "pipe" });
    return exe;
  } catch (e) {
    console.error(`native UDP echo not built (${(e as Error).message.split("\n")[0]})`);
    return undefined;
  }
}

export async function nativeEcho(): Promise<{ port: number; child: ChildProcess } | undefined> {
  const exe = build();
  if (!exe) return undefined;
  const child = spawn(exe, [], { stdio: ["pipe", "pipe", "inherit"] });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`udpEcho exited with ${code}`)));
  });
  return { port: Number(/^echo (\d+)$/.exec(line)?.[1]), child };
}
