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

/** The app that shows the lines: each names itself and says what its user can do next. */
export type SkewSurface = "cli" | "tui" | "tray";

interface Wording {
  /** How the lines name the program showing them. */
  self: string;
  /** What to do about a forward that was not restored: where its error shows, how to retry. */
  retry: string;
  /** What to upgrade when the daemon is newer: the `ferry` command, or Ferry the product. */
  upgrade: string;
}

// A TUI or tray user has no `ferry status` at hand: each points at its own view of the error.
const WORDING: Record<SkewSurface, Wording> = {
  cli: {
    self: "ferry",
    retry: "`ferry status` shows why, `ferry start <alias>` retries",
    upgrade: "ferry",
  },
  tui: {
    self: "TUI",
    retry: "select its row: the details pane shows why, f starts it again",
    upgrade: "Ferry",
  },
  tray: {
    self: "app",
    retry: "its row in the list shows why; start it there to retry",
    upgrade: "Ferry",
  },
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const names = (list: string[]) => (list.length ? `: ${list.join(", ")}` : "");

/**
 * The sentences that tell the user an older ferryd handed over to this client's, what came back
 * and how long the forwards were down; or that a newer ferryd is used as it is. [] otherwise.
 * One sentence per entry, no prefix, no newline: the CLI prints each as `ferry: <line>`.
 * `surface` words them for the app showing them; "cli" (the default) is the CLI's text.
 */
export function daemonSkewLines(skew: DaemonSkew, surface: SkewSurface = "cli"): string[] {
  const w = WORDING[surface];
  const h = skew.handOver;
  if (h) {
    const lines = [
      `ferryd ${h.from} handed over to ferryd ${h.to} (this ${w.self}'s version)`,
      h.forwards.length === 0
        ? "no forwards were running"
        : `${h.restored.length} of ${h.forwards.length} forwards running again after a gap of ${seconds(h.gapMs)}${names(h.restored)}`,
    ];
    if (h.failed.length) lines.push(`not restored${names(h.failed)}; ${w.retry}`);
    return lines;
  }
  const n = skew.newerDaemon;
  if (n)
    return [
      `ferryd ${n.daemon} is newer than this ${w.self} (${n.client}); using it as it is. Upgrade ${w.upgrade} to match.`,
    ];
  return [];
}
