import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "../configs/openStore.ts";
import { useTempHomes } from "../configs/testHome.ts";
import { LATEST_VERSION, MIGRATIONS, migrate } from "./migrations.ts";

describe("database", () => {
  const tempHome = useTempHomes();

  it("upgrades a version 1 database, keeping its rows", () => {
    const home = tempHome();
    const old = new Database(join(home, "configs.db"));
    migrate(old, 1);
    old
      .prepare(
        `INSERT INTO configs (alias, namespace, workload_type, service, protocol, remote_port, local_port, domain_enabled)
         VALUES ('web', 'webapp', 'service', 'frontend', 'tcp', 80, 8080, 1)`,
      )
      .run();
    expect(old.pragma("user_version", { simple: true })).toBe(1);
    old.close();

    const store = openStore({ home });
    expect(store.list()).toEqual([
      expect.objectContaining({
        alias: "web",
        local_port: 8080,
        domain_enabled: true,
        auto_start: false,
        group: null,
      }),
    ]);
    store.settings.set("x", true);
    store.close();
    const db = new Database(join(home, "configs.db"), { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });

  it("enforces the rules in the columns too", () => {
    const db = new Database(":memory:");
    migrate(db);
    const insert = (type: string, port: number) =>
      db
        .prepare(
          "INSERT INTO configs (alias, namespace, workload_type, protocol, remote_port, service) VALUES (?, 'n', ?, 'tcp', ?, 's')",
        )
        .run(`a${Math.random()}`, type, port);
    expect(() => insert("deployment", 80)).toThrow(/CHECK constraint/);
    expect(() => insert("service", 0)).toThrow(/CHECK constraint/);
    expect(() => insert("pod", 80)).toThrow(/CHECK constraint/); // a pod needs a target
    expect(() => insert("service", 80)).not.toThrow();
    expect(MIGRATIONS.length).toBe(LATEST_VERSION);
    db.close();
  });

  it("refuses a database from a newer Ferry", () => {
    const home = tempHome();
    const db = new Database(join(home, "configs.db"));
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    expect(() => openStore({ home })).toThrow(
      expect.objectContaining({ code: "DATABASE_TOO_NEW" }),
    );
  });

  it("refuses a configs.db that is not SQLite, and leaves it as it was", () => {
    const home = tempHome();
    const path = join(home, "configs.db");
    writeFileSync(path, "these are my notes, not a database\n");
    expect(() => openStore({ home })).toThrow(expect.objectContaining({ code: "NOT_A_DATABASE" }));
    expect(readFileSync(path, "utf8")).toBe("these are my notes, not a database\n");
  });

  it("says so when FERRY_HOME cannot be created", () => {
    const home = tempHome();
    writeFileSync(join(home, "file"), "");
    expect(() => openStore({ home: join(home, "file", "ferry") })).toThrow(
      expect.objectContaining({
        code: "HOME_NOT_WRITABLE",
        message: expect.stringMatching(/Set FERRY_HOME/),
      }),
    );
  });

  it("says so when FERRY_HOME is read-only (run as nobody when the tests run as root)", () => {
    const parent = tempHome();
    chmodSync(parent, 0o755); // so nobody can reach the home inside it
    const home = join(parent, "ro");
    mkdirSync(home, { mode: 0o500 });
    chmodSync(home, 0o555);
    try {
      expect(openStoreAsUnprivileged(home)).toEqual({
        code: "HOME_NOT_WRITABLE",
        message: `cannot write to FERRY_HOME ${home}: permission denied. Set FERRY_HOME to a directory you can write.`,
      });
      expect(existsSync(join(home, "configs.db"))).toBe(false);
    } finally {
      chmodSync(home, 0o700);
    }
  });
});

/**
 * Opens the store in `home` as a user permissions apply to: this one, or `nobody` when this is
 * root (root ignores them, and CI runs as root). Returns the refusal's code and message.
 */
function openStoreAsUnprivileged(home: string): { code?: string; message?: string } {
  const store = pathToFileURL(join(import.meta.dirname, "../configs/openStore.ts")).href;
  const script = `
    const { openStore } = await import(${JSON.stringify(store)});
    try { openStore({ home: ${JSON.stringify(home)} }).close(); console.log("{}"); }
    catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    ...asNobody,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`the unprivileged run failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").pop() ?? "{}");
}
