// A proxy connection that the relay could not make reaches the client as a connection closed
// with no data. The relay prints one line per failed remote connect to its log; this reads the
// pod log's tail and quotes the newest such line as a forward event, so the reason is seen.

import { CONNECT_FAILED_PREFIX } from "@ferry/relay-server";
import type { CoreV1Api } from "@kubernetes/client-node";
import type { PodRef } from "./relayPod.ts";

const TAIL_LINES = 50;
/** The same line again is only news after this long. */
const REPEAT_MS = 10_000;

/** The newest `ferry-relay: connect ... failed: ...` line of a log, or null. */
export function lastConnectFailure(log: string): string | null {
  const lines = log.split("\n").filter((l) => l.startsWith(CONNECT_FAILED_PREFIX));
  return lines.at(-1)?.trim() ?? null;
}

/**
 * Returns the function to call when a connection closed with no byte from the remote: it reads
 * the pod log (one read at a time) and reports a connect failure found there.
 */
export function connectFailureReporter(
  api: CoreV1Api,
  pod: () => PodRef | null,
  report: (line: string) => void,
): () => void {
  let reading = false;
  let again = false;
  let last = { line: "", at: 0 };
  const read = async (): Promise<void> => {
    const ref = pod();
    if (!ref) return;
    const log = await api
      .readNamespacedPodLog({ name: ref.name, namespace: ref.namespace, tailLines: TAIL_LINES })
      .catch(() => "");
    const line = lastConnectFailure(String(log));
    if (!line) return;
    const now = Date.now();
    if (line === last.line && now - last.at < REPEAT_MS) return;
    last = { line, at: now };
    report(line);
  };
  const run = () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    void read().finally(() => {
      reading = false;
      if (again) {
        again = false;
        run();
      }
    });
  };
  return run;
}
