// Refreshed OIDC tokens written back to the kubeconfig file the user came from, as client-go
// (kubectl) does: an issuer that rotates refresh tokens takes each one once, so after a restart
// only the last one it handed out works. Only the user's `id-token` and `refresh-token` change;
// the yaml Document API keeps the rest of the file (comments, order, other users) as it was. The
// write is atomic: a temp file beside the real file (symlinks followed), with its mode, renamed
// over it. Errors name the file and the cause, never a token.

import { randomBytes } from "node:crypto";
import {
  accessSync,
  chmodSync,
  constants,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { isMap, isSeq, parseDocument } from "yaml";
import { FerryForwardError } from "../errors.ts";

export interface OidcTokens {
  idToken: string;
  refreshToken: string | undefined;
}

function fail(file: string, why: string, cause?: unknown): FerryForwardError {
  return new FerryForwardError("KUBECONFIG_UNWRITABLE", `kubeconfig ${file} ${why}`, { cause });
}

/** The reason of a file system error without its message (which is only paths and a code). */
function fsWhy(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e.code ? `${e.code}: ${e.syscall ?? "access"} failed` : String(e.message ?? e);
}

/**
 * Sets `users[name=userName].user.auth-provider.config.{id-token,refresh-token}` in `file`.
 * `previousIdToken`: what the file should still hold; if it holds another (the user logged in
 * again meanwhile), that newer login is kept and this throws. Throws KUBECONFIG_UNWRITABLE.
 */
export function writeBackOidcTokens(
  file: string,
  userName: string,
  tokens: OidcTokens,
  previousIdToken: string | undefined,
): void {
  let real: string;
  let text: string;
  let mode: number;
  try {
    real = realpathSync(file);
    mode = statSync(real).mode & 0o7777;
    text = readFileSync(real, "utf8");
  } catch (err) {
    throw fail(file, `cannot be read (${fsWhy(err)})`, err);
  }
  // As root, access() says yes to any file: a file without write bits is read-only on purpose.
  try {
    if ((mode & 0o222) === 0) throw Object.assign(new Error(), { code: "EACCES" });
    accessSync(real, constants.W_OK);
  } catch (err) {
    throw fail(file, `is read-only (${fsWhy(err)}, mode ${mode.toString(8)})`, err);
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw fail(file, `is not valid YAML any more (${doc.errors[0]?.code})`);
  const users = doc.get("users");
  const entry = isSeq(users)
    ? users.items.find((u) => isMap(u) && u.get("name") === userName)
    : undefined;
  const path = ["user", "auth-provider", "config"];
  if (!isMap(entry) || !isMap(entry.getIn(path))) {
    throw fail(file, `no longer defines user "${userName}" with an auth-provider config`);
  }
  if (entry.getIn([...path, "id-token"]) !== previousIdToken) {
    throw fail(file, `holds other tokens for user "${userName}" now (logged in again?); kept`);
  }
  entry.setIn([...path, "id-token"], tokens.idToken);
  if (tokens.refreshToken) entry.setIn([...path, "refresh-token"], tokens.refreshToken);
  const tmp = join(dirname(real), `.${basename(real)}.ferry-${randomBytes(4).toString("hex")}`);
  try {
    // lineWidth 0: a JWT is longer than a line, and folding it would re-flow the user's file.
    writeFileSync(tmp, doc.toString({ lineWidth: 0 }), { mode, flag: "wx" });
    // writeFileSync's mode passes through the umask: set the original one exactly.
    chmodSync(tmp, mode);
    renameSync(tmp, real);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw fail(file, `cannot be written (${fsWhy(err)})`, err);
  }
}
