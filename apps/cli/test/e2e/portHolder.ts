import { type ChildProcess, spawn } from "node:child_process";
import { afterEach } from "vitest";

const HOLDERS = {
  tcp: 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>console.log(s.address().port))',
  udp: 'const s=require("dgram").createSocket("udp4");s.bind(0,"127.0.0.1",()=>console.log(s.address().port))',
};

/**
 * Another program (a plain Node process, not Ferry) holding a loopback port, ended after each
 * test: `hold("tcp")` resolves to its process and the port it holds.
 */
export function usePortHolders(): (kind: "tcp" | "udp") => Promise<{ pid: number; port: string }> {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
  });
  return async (kind) => {
    const holder = spawn(process.execPath, ["-e", HOLDERS[kind]], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    children.push(holder);
    const port = await new Promise<string>((resolve) =>
      holder.stdout?.once("data", (d) => resolve(String(d).trim())),
    );
    return { pid: holder.pid as number, port };
  };
}
