import type { ForwardState } from "@ferry/store/client";

/** Colour per state: the word is always shown too, so colour is never the only signal. */
export const STATE_COLOR: Record<ForwardState, string> = {
  starting: "yellow",
  running: "green",
  reconnecting: "yellow",
  error: "red",
  stopped: "gray",
};
