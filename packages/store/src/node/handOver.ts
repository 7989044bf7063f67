import { closeFerryClient } from "../client/createFerryClient.ts";
import type { HandOverReport } from "../client/daemonSkew.ts";
import { isActive } from "../client/forwardState.ts";
import type { DaemonFile } from "../daemon/daemonFile.ts";
import { createNodeFerryClient } from "./nodeClient.ts";
import { processAlive } from "./processAlive.ts";

export type { HandOverReport };

/**
 * Asks the old daemon to hand over (`daemon.handOver`; `daemon.shutdown` for one older than that
 * procedure: its shutdown keeps the desired states too) and waits for its process to end.
 * Returns the forwards it was running and when it was asked.
 */
export async function askToHandOver(
  old: DaemonFile,
  toVersion: string,
  timeoutMs: number,
): Promise<{ forwards: string[]; at: number }> {
  const client = createNodeFerryClient(old);
  const at = Date.now();
  let forwards: string[] = [];
  try {
    const running = (await client.forwards.status.query()).filter((r) => isActive(r.state));
    forwards = running.map((r) => r.alias);
    try {
      forwards = (await client.daemon.handOver.mutate({ version: toVersion })).forwards;
    } catch (err) {
      if ((err as { data?: { code?: string } }).data?.code !== "NOT_FOUND") throw err;
      await client.daemon.shutdown.mutate();
    }
  } catch (err) {
    // Another client may have asked first: the daemon is already going. Only a live one matters.
    if (!processAlive(old.pid)) return { forwards, at };
    if (!(err instanceof Error) || !/fetch failed|ECONNREFUSED|SHUTTING_DOWN/.test(err.message))
      throw err;
  } finally {
    closeFerryClient(client);
  }
  const deadline = Date.now() + timeoutMs;
  while (processAlive(old.pid) && Date.now() < deadline)
    await new Promise((r) => setTimeout(r, 25));
  if (processAlive(old.pid)) {
    throw Object.assign(
      new Error(
        `ferryd ${old.version} (pid ${old.pid}) did not stop within ${timeoutMs / 1000} s after it was asked to hand over to this Ferry; stop it (kill ${old.pid}) and try again`,
      ),
      { code: "DAEMON_HANDOVER_FAILED" },
    );
  }
  return { forwards, at };
}

/** Waits until each handed-over forward runs under the new daemon (or fails, or the wait ends). */
export async function awaitRestore(
  daemon: DaemonFile,
  handed: { forwards: string[]; at: number },
  from: string,
  timeoutMs: number,
): Promise<HandOverReport> {
  const client = createNodeFerryClient(daemon);
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const rows = await client.forwards.status.query();
      const mine = rows.filter((r) => handed.forwards.includes(r.alias));
      const settled = mine.every((r) => r.state === "running" || r.state === "error");
      if ((settled && mine.length === handed.forwards.length) || Date.now() >= deadline) {
        const restored = mine.filter((r) => r.state === "running").map((r) => r.alias);
        const failed = handed.forwards
          .filter((a) => !restored.includes(a))
          .map((a) => {
            const row = mine.find((r) => r.alias === a);
            const why = row?.error
              ? `${row.error.code}: ${row.error.message}`
              : (row?.state ?? "gone");
            return `${a} (${why})`;
          });
        return {
          from,
          to: daemon.version,
          forwards: handed.forwards,
          restored,
          failed,
          gapMs: Date.now() - handed.at,
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    closeFerryClient(client);
  }
}
