import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempHomes } from "../configs/testHome.ts";
import { acquireInstanceLock } from "./instanceLock.ts";

const LOCK_MODULE = join(import.meta.dirname, "instanceLock.ts");
const SQLITE_MODULE = join(import.meta.dirname, "../db/sqliteDatabase.ts");

/**
 * A process doing what a second ferryd does mid-attempt: it has read daemon.lock (so holds
 * SQLite's shared lock, kept in exclusive locking mode), says "holding", and lets go `holdMs` later.
 */
function transientReader(home: string, holdMs: number): ChildProcess {
  const script = `
    import { sqliteDatabase } from ${JSON.stringify(SQLITE_MODULE)};
    const db = new (sqliteDatabase())(${JSON.stringify(join(home, "daemon.lock"))}, { timeout: 0 });
    db.pragma("locking_mode = EXCLUSIVE");
    db.prepare("SELECT count(*) FROM sqlite_master").get();
    process.stdout.write("holding\\n");
    setTimeout(() => { db.close(); process.exit(0); }, ${holdMs});
  `;
  return spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit"],
  });
}

/**
 * A process that waits for the wall clock to reach `at`, tries the lock, prints "won" or "lost",
 * and holds what it won until its stdin closes.
 */
function contender(home: string, at: number): ChildProcess {
  const script = `
    import { acquireInstanceLock } from ${JSON.stringify(LOCK_MODULE)};
    while (Date.now() < ${at}) {}
    const lock = acquireInstanceLock(${JSON.stringify(home)});
    process.stdout.write(lock ? "won\\n" : "lost\\n");
    process.stdin.resume();
    process.stdin.on("end", () => { lock?.release(); process.exit(0); });
  `;
  return spawn(process.execPath, ["--input-type=module", "-e", script], {
    stdio: ["pipe", "pipe", "inherit"],
  });
}

function outcome(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      out += d;
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", (code) => reject(new Error(`contender exited (${code}) before answering`)));
  });
}

describe("acquireInstanceLock", () => {
  const tempHome = useTempHomes();

  it("is refused while another holder lives, and granted once it releases", () => {
    const home = tempHome();
    const first = acquireInstanceLock(home);
    expect(first).not.toBeNull();
    expect(acquireInstanceLock(home)).toBeNull();
    first?.release();
    const second = acquireInstanceLock(home);
    expect(second).not.toBeNull();
    second?.release();
  });

  it("waits out a contender that only holds the read lock for a moment", async () => {
    const home = tempHome();
    acquireInstanceLock(home)?.release(); // daemon.lock exists, as after any earlier ferryd
    const reader = transientReader(home, 100);
    expect(await outcome(reader)).toBe("holding");
    const lock = acquireInstanceLock(home);
    expect(lock).not.toBeNull();
    lock?.release();
  });

  // Session 6's CI: two ferryds started at once both lost (each saw the other's half-taken lock
  // and gave up), so no daemon ever answered. Contention at the start must still crown one.
  it("crowns exactly one of several processes that try at the same instant", async () => {
    const rounds = 8;
    const winners: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const home = tempHome();
      const at = Date.now() + 700; // every contender is loaded and spinning by then
      const children = Array.from({ length: 3 }, () => contender(home, at));
      const said = await Promise.all(children.map(outcome));
      winners.push(said.filter((s) => s === "won").length);
      for (const c of children) c.stdin?.end();
      await Promise.all(children.map((c) => new Promise((r) => c.once("exit", r))));
    }
    expect(winners).toEqual(Array(rounds).fill(1));
  }, 60_000);
});
