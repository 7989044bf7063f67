import type { LiveState } from "@ferry/store/client";

/** How the tray stands with the daemon, as its icon, tooltip and menu all say it. */
export type DaemonReach = "reachable" | "reconnecting" | "unreachable";

/** What the menu's header and the tooltip say while the daemon is not reachable. */
export const REACH_TEXT: Record<Exclude<DaemonReach, "reachable">, string> = {
  reconnecting: "Reconnecting to the daemon",
  unreachable: "Daemon not reachable",
};

/** What the tray remembers of its stream: whether rows ever flowed, and drops since they last did. */
export interface LinkHistory {
  everLive: boolean;
  offline: number;
}

export const NEW_LINK: LinkHistory = { everLive: false, offline: 0 };

/** The history after the stream's next state (liveForwards says `offline` once per failed attempt). */
export function followLink(history: LinkHistory, state: LiveState): LinkHistory {
  if (state === "live") return { everLive: true, offline: 0 };
  if (state === "offline") return { ...history, offline: history.offline + 1 };
  return history;
}

/**
 * Failed attempts in a row, after a loss, before the tray stops saying "reconnecting". Spaced by
 * the stream's 1 s retry and the follower's backoff (0.5 s doubling), that is some five seconds:
 * a restart or a hand-over is back well within it; a daemon that cannot start is not.
 */
export const ATTEMPTS_BEFORE_UNREACHABLE = 3;

/**
 * Reconnecting while a daemon that rows came from is found again; unreachable when rows never
 * came, or when the attempts since the loss keep failing. A count, not a clock: each failed
 * attempt is reported, so the menu and icon move on with no timer of their own.
 */
export function daemonReach(history: LinkHistory): DaemonReach {
  if (history.offline === 0) return "reachable";
  // The first `offline` is the loss itself; each one after it is a failed attempt.
  const failedAttempts = history.offline - 1;
  if (history.everLive && failedAttempts < ATTEMPTS_BEFORE_UNREACHABLE) return "reconnecting";
  return "unreachable";
}
