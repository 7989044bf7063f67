import { type DaemonSkew, daemonSkewLines } from "@ferry/store/client";

/** What the tray itself (not only its window) says about a daemon of another version. */
export interface SkewNotice {
  /** A hand-over is an event: told once, as a desktop notification (the window may be hidden). */
  notification: string | null;
  /** A newer daemon used as it is is a state: said in the tooltip for as long as it lasts. */
  tooltip: string | null;
}

export function skewNotice(skew: DaemonSkew | undefined): SkewNotice {
  if (skew?.handOver)
    return {
      notification: daemonSkewLines({ handOver: skew.handOver }, "tray").join("\n"),
      tooltip: null,
    };
  if (skew?.newerDaemon)
    return {
      notification: null,
      tooltip: daemonSkewLines({ newerDaemon: skew.newerDaemon }, "tray").join(" "),
    };
  return { notification: null, tooltip: null };
}
