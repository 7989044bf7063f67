import { readFileSync, statSync } from "node:fs";
import { GitSyncError } from "./gitSyncError.ts";
import { expandHome } from "./syncSource.ts";

/**
 * Refuses a token file anyone else could read or own, before any network use; the token itself
 * is read only when a server asks for credentials.
 */
export function checkTokenFile(file: string): string {
  const path = expandHome(file);
  let mode: number;
  let uid: number;
  try {
    const st = statSync(path);
    mode = st.mode & 0o777;
    uid = st.uid;
  } catch (err) {
    throw new GitSyncError(
      "GIT_TOKEN_FILE_UNREADABLE",
      `cannot read the token file ${path} (${(err as NodeJS.ErrnoException).code ?? String(err)}); fix tokenFile in the source`,
    );
  }
  if ((mode & 0o077) !== 0) {
    throw new GitSyncError(
      "GIT_TOKEN_FILE_NOT_PRIVATE",
      `the token file ${path} can be read by others (mode 0${mode.toString(8)}); it must be 0600. Run: chmod 600 ${path}`,
    );
  }
  const me = process.getuid?.();
  if (me !== undefined && uid !== me) {
    throw new GitSyncError(
      "GIT_TOKEN_FILE_NOT_PRIVATE",
      `the token file ${path} belongs to another user (uid ${uid}); use a file of your own with mode 0600`,
    );
  }
  return path;
}

export function readTokenFile(path: string): string {
  return readFileSync(path, "utf8").trim();
}
