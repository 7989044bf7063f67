import { kubeApiFor } from "../../daemon/kubeBrowser.ts";
import { LIVE_SETTING, LiveContextSchema, liveContexts } from "../../discovery/liveSettings.ts";
import { FerryError } from "../../schema/ferryError.ts";
import { formatIssues, issueLines } from "../../schema/formatIssues.ts";

/**
 * `settings.set` of discover.live held to discover.setLive's rules, so that neither way says "on"
 * while the watch fails unseen in daemon.log: every entry has the setting's shape, and every
 * context newly watched (or watched through another kubeconfig) is read as the watch will read
 * it (UNKNOWN_CONTEXT, KUBECONFIG_UNREADABLE). Entries left as they were are not re-read.
 */
export async function checkLiveSetting(value: unknown, before: unknown): Promise<void> {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new FerryError(
      "INVALID_SETTING",
      `setting "${LIVE_SETTING}" is an object of contexts, e.g. {"dev": {"watch": true}}; or use \`ferry discover --watch-context <context> on\``,
    );
  const was = liveContexts(before);
  for (const [context, entry] of Object.entries(value)) {
    const parsed = LiveContextSchema.safeParse(entry);
    if (!parsed.success) {
      const issues = formatIssues(parsed.error);
      throw new FerryError(
        "INVALID_SETTING",
        `setting "${LIVE_SETTING}", context "${context}":\n${issueLines(issues)}`,
        issues,
      );
    }
    const now = parsed.data;
    const old = was[context];
    const unchanged = old?.watch && (old.kubeconfig ?? null) === (now.kubeconfig ?? null);
    if (now.watch && !unchanged) await kubeApiFor({ kubeconfig: now.kubeconfig ?? null, context });
  }
}
