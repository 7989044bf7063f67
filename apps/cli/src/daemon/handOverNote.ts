import type { EnsuredDaemon } from "@ferry/store/node";

/** What connectDaemon says about a daemon of another version (issue 20). */
export type DaemonSkew = Pick<EnsuredDaemon, "handOver" | "newerDaemon">;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const names = (list: string[]) => (list.length ? `: ${list.join(", ")}` : "");

/**
 * The lines (for stderr) that tell the user an older ferryd handed over to this ferry's, what came
 * back and how long the forwards were down; or that a newer ferryd is used as it is. "" otherwise.
 */
export function daemonSkewNote(skew: DaemonSkew): string {
  const h = skew.handOver;
  if (h) {
    const lines = [
      `ferry: ferryd ${h.from} handed over to ferryd ${h.to} (this ferry's version)`,
      h.forwards.length === 0
        ? "ferry: no forwards were running"
        : `ferry: ${h.restored.length} of ${h.forwards.length} forwards running again after a gap of ${seconds(h.gapMs)}${names(h.restored)}`,
    ];
    if (h.failed.length)
      lines.push(
        `ferry: not restored${names(h.failed)}; \`ferry status\` shows why, \`ferry start <alias>\` retries`,
      );
    return `${lines.join("\n")}\n`;
  }
  const n = skew.newerDaemon;
  if (n)
    return `ferry: ferryd ${n.daemon} is newer than this ferry (${n.client}); using it as it is. Upgrade ferry to match.\n`;
  return "";
}
