// Where this Ferry has put relay pods: $FERRY_HOME/relay_scopes.json lists each
// (kubeconfig, context, namespace) a relay was created in. After a kill -9 nothing else
// remembers which clusters to look in; the sweep on the next start reads this list.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";

export const LEDGER_FILE = "relay_scopes.json";

export interface RelayScope {
  /** The config's kubeconfig field as given (null = default). */
  kubeconfig: string | null;
  /** The config's context field as given (null = current). */
  context: string | null;
  namespace: string;
}

const same = (a: RelayScope, b: RelayScope) =>
  a.kubeconfig === b.kubeconfig && a.context === b.context && a.namespace === b.namespace;

export async function readRelayScopes(ferryHome: string): Promise<RelayScope[]> {
  try {
    const parsed = JSON.parse(await readFile(join(ferryHome, LEDGER_FILE), "utf8")) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (s): s is RelayScope =>
        typeof s === "object" && s !== null && typeof s.namespace === "string",
    );
  } catch {
    // Missing or damaged: nothing to sweep from it (the relays' idle exit still ends orphans).
    return [];
  }
}

async function write(ferryHome: string, scopes: RelayScope[]): Promise<void> {
  await mkdir(ferryHome, { recursive: true });
  const file = join(ferryHome, LEDGER_FILE);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(scopes, null, 2)}\n`);
  await rename(tmp, file);
}

let queue: Promise<unknown> = Promise.resolve();
/** Serializes read-modify-write cycles within this process. */
function serialized<T>(fn: () => Promise<T>): Promise<T> {
  const next = queue.then(fn, fn);
  queue = next.catch(() => {});
  return next;
}

export function rememberRelayScope(ferryHome: string, scope: RelayScope): Promise<void> {
  return serialized(async () => {
    const scopes = await readRelayScopes(ferryHome);
    if (scopes.some((s) => same(s, scope))) return;
    await write(ferryHome, [...scopes, scope]);
  });
}

export function forgetRelayScopes(ferryHome: string, done: RelayScope[]): Promise<void> {
  return serialized(async () => {
    const scopes = await readRelayScopes(ferryHome);
    const left = scopes.filter((s) => !done.some((d) => same(s, d)));
    if (left.length !== scopes.length) await write(ferryHome, left);
  });
}
