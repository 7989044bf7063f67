/** What a take-over from a daemon of an older version did (issue 20): the apps show it. */
export interface HandOverReport {
  /** The old daemon's version. */
  from: string;
  /** This client's (and the new daemon's) version. */
  to: string;
  /** The forwards that ran under the old daemon. */
  forwards: string[];
  /** Those running again under the new one. */
  restored: string[];
  /** Those that did not come back within the wait, with their state or error. */
  failed: string[];
  /** From asking the old daemon to stop until the forwards ran again (or the wait ended). */
  gapMs: number;
}

/** What connecting said about a daemon of another version (ensureDaemon's EnsuredDaemon has both). */
export interface DaemonSkew {
  handOver?: HandOverReport;
  newerDaemon?: { daemon: string; client: string };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const names = (list: string[]) => (list.length ? `: ${list.join(", ")}` : "");

/**
 * The sentences that tell the user an older ferryd handed over to this client's, what came back
 * and how long the forwards were down; or that a newer ferryd is used as it is. [] otherwise.
 * One sentence per entry, no prefix, no newline: the CLI prints each as `ferry: <line>`.
 */
export function daemonSkewLines(skew: DaemonSkew): string[] {
  const h = skew.handOver;
  if (h) {
    const lines = [
      `ferryd ${h.from} handed over to ferryd ${h.to} (this ferry's version)`,
      h.forwards.length === 0
        ? "no forwards were running"
        : `${h.restored.length} of ${h.forwards.length} forwards running again after a gap of ${seconds(h.gapMs)}${names(h.restored)}`,
    ];
    if (h.failed.length)
      lines.push(
        `not restored${names(h.failed)}; \`ferry status\` shows why, \`ferry start <alias>\` retries`,
      );
    return lines;
  }
  const n = skew.newerDaemon;
  if (n)
    return [
      `ferryd ${n.daemon} is newer than this ferry (${n.client}); using it as it is. Upgrade ferry to match.`,
    ];
  return [];
}
