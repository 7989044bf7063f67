import { chmodSync, lstatSync, type Stats, statSync } from "node:fs";
import { join } from "node:path";
import { FerryError } from "../schema/ferryError.ts";

/** Every file Ferry keeps in FERRY_HOME: each is 0600. */
export const HOME_FILES = [
  "configs.db",
  "configs.db-wal",
  "configs.db-shm",
  "daemon.lock",
  "daemon.json",
  "daemon.log",
  "daemon.log.1",
  "daemon.log.2",
  "daemon.log.3",
  "proxy_manifest.json",
] as const;

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

/** Why a directory or file owned by someone else, or writable by others, must not be used. */
export function ownershipProblem(path: string, stat: Stats, what: string): string | null {
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid)
    return `${what} ${path} is owned by uid ${stat.uid}, not by you (uid ${uid})`;
  if (stat.mode & 0o022)
    return `${what} ${path} can be written by other users (mode ${octal(stat.mode)})`;
  return null;
}

/**
 * Checks an existing FERRY_HOME (openDatabase creates it 0700): it must be this user's and
 * writable by no one else (refused with HOME_NOT_SAFE and the fix), and is then tightened to
 * 0700 with each of Ferry's files in it 0600 (issue 13 points 9 and 10).
 */
export function secureHome(home: string): void {
  const stat = statSync(home);
  const problem = ownershipProblem(home, stat, "FERRY_HOME");
  if (problem)
    throw new FerryError(
      "HOME_NOT_SAFE",
      `${problem}; Ferry keeps its token and configs there. ${
        stat.mode & 0o022 && !problem.includes("owned by")
          ? `Run \`chmod 700 ${home}\`, or set FERRY_HOME to a directory of your own.`
          : "Set FERRY_HOME to a directory of your own."
      }`,
    );
  if (stat.mode & 0o077) chmodSync(home, 0o700);
  for (const name of HOME_FILES) {
    const path = join(home, name);
    const file = lstatSync(path, { throwIfNoEntry: false });
    // Symlinks are left alone here: daemon.log is opened with O_NOFOLLOW, the rest by SQLite.
    if (file?.isFile() && file.mode & 0o077 && file.uid === stat.uid) chmodSync(path, 0o600);
  }
}
