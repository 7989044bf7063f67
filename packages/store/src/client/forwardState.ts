import type { ForwardState } from "@ferry/core";

export type { ForwardState };

/** Every state a forward can be in, in the order a UI lists them. */
export const FORWARD_STATES: readonly ForwardState[] = [
  "starting",
  "running",
  "reconnecting",
  "error",
  "stopped",
];

/** True while the daemon holds the forward's port: starting, running or reconnecting. */
export function isActive(state: ForwardState | null | undefined): boolean {
  return state === "starting" || state === "running" || state === "reconnecting";
}
