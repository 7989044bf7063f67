import { type DaemonSkew, daemonSkewLines, printable } from "@ferry/store/client";
import { useState } from "react";

export interface DaemonSkewNoticeProps {
  /** What main found on connecting: an older daemon that handed over, or a newer one. */
  skew: DaemonSkew | undefined;
}

/**
 * Issue 20: a daemon of another version is never taken over (or used) silently. The window says
 * what the CLI prints: who handed over to whom, which forwards came back after what gap, which
 * did not. Shown until dismissed; red when a forward was not restored.
 */
export function DaemonSkewNotice({ skew }: DaemonSkewNoticeProps) {
  const [dismissed, setDismissed] = useState(false);
  const lines = skew ? daemonSkewLines(skew, "tray") : [];
  if (dismissed || lines.length === 0) return null;
  const failed = (skew?.handOver?.failed.length ?? 0) > 0;
  return (
    <section
      className={`banner skew${failed ? " failed" : ""}`}
      aria-label="Daemon version"
      data-testid="daemon-skew"
    >
      {lines.map((line) => (
        <p key={line}>{printable(line)}</p>
      ))}
      <button type="button" onClick={() => setDismissed(true)}>
        Dismiss
      </button>
    </section>
  );
}
