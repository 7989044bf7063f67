// Which local process holds a port, where Linux tells: the socket's inode from /proc/net/tcp*
// or udp* (a listening TCP socket, or any bound UDP socket), then the process that has that inode
// among its file descriptors. Another user's process is not readable without privileges: then
// the uid from /proc/net is all there is.

import { readdir, readFile, readlink } from "node:fs/promises";
import type { Protocol } from "../types.ts";

export interface PortHolder {
  pid: number | null;
  uid: number;
  /** The holder's command line, shortened; null when its process could not be read. */
  command: string | null;
}

const TCP_LISTEN = "0A";

/** "0100007F" -> "127.0.0.1"; a 32-hex-digit tcp6 address -> its canonical IPv6 text. */
export function decodeProcAddress(hex: string): string {
  const bytes = Buffer.from(hex, "hex");
  // The kernel prints each 32-bit word in host (little-endian) order.
  for (let i = 0; i < bytes.length; i += 4) bytes.subarray(i, i + 4).reverse();
  if (bytes.length === 4) return [...bytes].join(".");
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(i * 2));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
    return `::ffff:${[...bytes.subarray(12)].join(".")}`;
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len) best = { at: i, len: j - i };
    i = j === i ? i + 1 : j;
  }
  const text = groups.map((g) => g.toString(16));
  if (best.len < 2) return text.join(":");
  return `${text.slice(0, best.at).join(":")}::${text.slice(best.at + best.len).join(":")}`;
}

const WILDCARD = new Set(["0.0.0.0", "::", "::ffff:0.0.0.0"]);

/** Whether a socket bound to `held` keeps a bind to `wanted` from succeeding. */
export function addressesClash(held: string, wanted: string): boolean {
  const bare = (a: string) => a.replace(/^::ffff:/, "");
  return WILDCARD.has(held) || WILDCARD.has(wanted) || bare(held) === bare(wanted);
}

interface ProcSocket {
  address: string;
  port: number;
  state: string;
  uid: number;
  inode: string;
}

/** The rows of one /proc/net/{tcp,tcp6,udp,udp6} table. */
export function parseProcNet(text: string): ProcSocket[] {
  const rows: ProcSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    const local = f[1];
    if (!local || f.length < 10) continue;
    const [addr, port] = local.split(":") as [string, string];
    rows.push({
      address: decodeProcAddress(addr),
      port: Number.parseInt(port, 16),
      state: f[3] ?? "",
      uid: Number(f[7]),
      inode: f[9] ?? "0",
    });
  }
  return rows;
}

async function socketOwner(inode: string): Promise<number | null> {
  const link = `socket:[${inode}]`;
  const pids = (await readdir("/proc").catch(() => [] as string[])).filter((p) => /^\d+$/.test(p));
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      if ((await readlink(`/proc/${pid}/fd/${fd}`).catch(() => "")) === link) return Number(pid);
    }
  }
  return null;
}

async function commandOf(pid: number): Promise<string | null> {
  const raw = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => "");
  const command = raw.split("\0").filter(Boolean).join(" ");
  if (!command) return null;
  return command.length > 120 ? `${command.slice(0, 117)}...` : command;
}

/** The process holding `address:port` for `protocol`, or null where /proc does not say. */
export async function processHoldingPort(
  address: string,
  port: number,
  protocol: Protocol,
): Promise<PortHolder | null> {
  if (process.platform !== "linux") return null;
  for (const table of [protocol, `${protocol}6`]) {
    const text = await readFile(`/proc/net/${table}`, "utf8").catch(() => "");
    const hit = parseProcNet(text).find(
      (s) =>
        s.port === port &&
        s.inode !== "0" &&
        (protocol === "udp" || s.state === TCP_LISTEN) &&
        addressesClash(s.address, address),
    );
    if (!hit) continue;
    const pid = await socketOwner(hit.inode);
    return { pid, uid: hit.uid, command: pid === null ? null : await commandOf(pid) };
  }
  return null;
}
