import type { ForwardState } from "@ferry/store/client";

type Stated = { state: ForwardState };

export type TrayIconState = "ok" | "reconnecting" | "error";

/**
 * The icon summarises every forward: one in error outweighs one reconnecting, which outweighs
 * the rest. A daemon the tray cannot reach counts as an error: nothing it shows can be trusted.
 */
export function trayIconState(statuses: readonly Stated[], daemonReachable = true): TrayIconState {
  if (!daemonReachable) return "error";
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
  daemonReachable = true,
  note: string | null = null,
): string {
  const text = countsText(statuses, daemonReachable);
  return note ? `${text}\n${note}` : text;
}

function countsText(statuses: readonly Stated[], daemonReachable: boolean) {
  if (!daemonReachable) return "Ferry: daemon not reachable";
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
