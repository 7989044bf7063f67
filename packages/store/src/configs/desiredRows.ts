import type Database from "better-sqlite3";

/**
 * The desired states (migrations 4 and 7): `desired_running`, one row per config the user last
 * started; `desired_stopped`, one per config the user last stopped (so auto_start does not undo it).
 */
export function desiredRows(db: Database.Database) {
  const ids = (table: string) =>
    db.prepare<[], { config_id: number }>(`SELECT config_id FROM ${table} ORDER BY config_id`);
  // Only ids of existing configs go in, so a config deleted meanwhile leaves no stale row.
  const add = (table: string) =>
    db.prepare(`INSERT OR IGNORE INTO ${table} (config_id) SELECT id FROM configs WHERE id = ?`);
  const drop = (table: string) => db.prepare(`DELETE FROM ${table} WHERE config_id = ?`);
  const running = {
    all: ids("desired_running"),
    add: add("desired_running"),
    drop: drop("desired_running"),
  };
  const stopped = {
    all: ids("desired_stopped"),
    add: add("desired_stopped"),
    drop: drop("desired_stopped"),
  };
  return {
    running: (): number[] => running.all.all().map((r) => r.config_id),
    stopped: (): number[] => stopped.all.all().map((r) => r.config_id),
    set(list: number[], run: boolean): void {
      for (const id of list) {
        (run ? running.add : running.drop).run(id);
        (run ? stopped.drop : stopped.add).run(id);
      }
    },
  };
}
