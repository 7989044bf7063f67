import { type DaemonSkew, daemonSkewLines } from "@ferry/store/client/core";

export type { DaemonSkew };

/**
 * The lines (for stderr) that tell the user an older ferryd handed over to this ferry's, what came
 * back and how long the forwards were down; or that a newer ferryd is used as it is. "" otherwise.
 */
export function daemonSkewNote(skew: DaemonSkew): string {
  return daemonSkewLines(skew)
    .map((line) => `ferry: ${line}\n`)
    .join("");
}
