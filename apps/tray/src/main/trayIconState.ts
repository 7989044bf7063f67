import type { ForwardState } from "@ferry/store/client";
import { type DaemonReach, REACH_TEXT } from "./daemonReach.ts";

type Stated = { state: ForwardState };

export type TrayIconState = "ok" | "reconnecting" | "error";

/**
 * The icon summarises every forward: one in error outweighs one reconnecting, which outweighs
 * the rest. Away from the daemon the forwards' states are stale, so the link alone decides:
 * reconnecting while it is being found again, an error once it is not reachable.
 */
export function trayIconState(
  statuses: readonly Stated[],
  daemon: DaemonReach = "reachable",
): TrayIconState {
  if (daemon === "unreachable") return "error";
  if (daemon === "reconnecting") return "reconnecting";
  if (statuses.some((s) => s.state === "error")) return "error";
  if (statuses.some((s) => s.state === "reconnecting" || s.state === "starting")) {
    return "reconnecting";
  }
  return "ok";
}

/**
 * The tooltip that goes with the icon, so the state is readable without colour; `note` (a newer
 * daemon used as it is) goes on a line of its own under it.
 */
export function trayTooltip(
  statuses: readonly Stated[],
  daemon: DaemonReach = "reachable",
  note: string | null = null,
): string {
  const text = daemon === "reachable" ? countsText(statuses) : `Ferry: ${REACH_TEXT[daemon]}`;
  return note ? `${text}\n${note}` : text;
}

function countsText(statuses: readonly Stated[]) {
  const running = statuses.filter((s) => s.state === "running").length;
  const failing = statuses.filter((s) => s.state === "error").length;
  const waiting = statuses.filter(
    (s) => s.state === "reconnecting" || s.state === "starting",
  ).length;
  const parts = [`${running} running`];
  if (waiting > 0) parts.push(`${waiting} reconnecting`);
  if (failing > 0) parts.push(`${failing} in error`);
  return `Ferry: ${parts.join(", ")}`;
}
