import type Database from "better-sqlite3";

/** One table of config ids: read in order, add (existing configs only), drop. */
function idTable(db: Database.Database, table: "desired_running" | "desired_stopped") {
  const all = db.prepare<[], { config_id: number }>(
    `SELECT config_id FROM ${table} ORDER BY config_id`,
  );
  return {
    ids: (): number[] => all.all().map((r) => r.config_id),
    // Only ids of existing configs go in, so a config deleted meanwhile leaves no stale row.
    add: db.prepare(
      `INSERT OR IGNORE INTO ${table} (config_id) SELECT id FROM configs WHERE id = ?`,
    ),
    drop: db.prepare(`DELETE FROM ${table} WHERE config_id = ?`),
  };
}

/**
 * The desired states (migrations 4 and 7): `desired_running`, one row per config the user last
 * started; `desired_stopped`, one per config the user last stopped (so auto_start does not undo it).
 */
export function desiredRows(db: Database.Database) {
  const running = idTable(db, "desired_running");
  const stopped = idTable(db, "desired_stopped");
  return {
    running: running.ids,
    stopped: stopped.ids,
    set(list: number[], run: boolean): void {
      for (const id of list) {
        (run ? running.add : running.drop).run(id);
        (run ? stopped.drop : stopped.add).run(id);
      }
    },
  };
}
