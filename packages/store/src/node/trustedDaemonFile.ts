import { lstatSync, type Stats, statSync } from "node:fs";
import { FerryClientError } from "../client/clientError.ts";
import { type DaemonFile, daemonFilePath, readDaemonFile } from "../daemon/daemonFile.ts";
import { ownershipProblem } from "../db/homeSafety.ts";

/**
 * daemon.json, read only when it can be the user's own ferryd's (issue 13.10): the home and the
 * file belong to this user, no one else can write the home, and no one else can read the file
 * (it holds the token). Null when there is none; DAEMON_FILE_NOT_SAFE when it cannot be trusted.
 */
export function readTrustedDaemonFile(home: string): DaemonFile | null {
  const path = daemonFilePath(home);
  const file = statOrNull(path);
  if (!file) return null;
  const refuse = (why: string) =>
    new FerryClientError(
      "DAEMON_FILE_NOT_SAFE",
      `${why}, so it may not be your ferryd's; Ferry did not use it. Remove it (\`rm ${path}\`) and start ferryd again.`,
    );
  const home_ = statSync(home);
  const homeProblem = ownershipProblem(home, home_, "FERRY_HOME");
  if (homeProblem) throw refuse(`${homeProblem}, and daemon.json there holds the token`);
  if (!file.isFile()) throw refuse(`${path} is not a regular file`);
  const fileProblem = ownershipProblem(path, file, "daemon.json");
  if (fileProblem) throw refuse(fileProblem);
  if (file.mode & 0o077)
    throw refuse(`${path} can be read by other users (mode 0${(file.mode & 0o777).toString(8)})`);
  return readDaemonFile(home);
}

/** ENOTDIR (a part of FERRY_HOME is a file) means "no daemon.json" too: ferryd's HOME_NOT_WRITABLE then says why. */
function statOrNull(path: string): Stats | null {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) ?? null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOTDIR") return null;
    throw err;
  }
}
