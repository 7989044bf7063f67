import { resolve } from "node:path";
import type { Command } from "commander";
import { CliError, EXIT } from "../cliError.ts";
import { withDaemon } from "../daemon/withDaemon.ts";
import { print } from "../output.ts";

export interface LiveOptions {
  watchContext?: string;
  kubeconfig?: string;
  namespace?: string;
  prune?: boolean;
  json?: boolean;
}

interface LiveSetting {
  watch: boolean;
  prune?: boolean;
  kubeconfig?: string | null;
  namespace?: string | null;
}

const describeLive = (context: string, s: LiveSetting | undefined) => {
  if (!s?.watch) return `live discovery for ${context}: off\n`;
  const where = s.namespace ? `namespace ${s.namespace}` : "every namespace";
  const gone = s.prune ? "removed (prune)" : "kept, flagged source gone";
  const from = s.kubeconfig ? `, kubeconfig ${s.kubeconfig}` : "";
  return `live discovery for ${context}: on (${where}${from}; configs whose source goes are ${gone})\n`;
};

/**
 * `ferry discover --watch-context C [on|off]`: ferryd's per-context "watch for annotated
 * services" setting (`discover.setLive`); without on/off, the current one.
 */
export async function watchContext(setting: string | undefined, o: LiveOptions): Promise<void> {
  const context = o.watchContext as string;
  if (setting !== undefined && setting !== "on" && setting !== "off")
    throw new CliError(`--watch-context takes on or off, got "${setting}"`, {
      exitCode: EXIT.usage,
    });
  const live = await withDaemon(async (client) => {
    if (setting === undefined) return client.discover.live.query();
    return client.discover.setLive.mutate({
      context,
      watch: setting === "on",
      prune: o.prune,
      kubeconfig: o.kubeconfig === undefined ? undefined : resolve(o.kubeconfig),
      namespace: o.namespace,
    });
  });
  const mine = live[context];
  print(
    o.json
      ? `${JSON.stringify({ context, watch: false, ...mine }, null, 2)}\n`
      : describeLive(context, mine),
  );
}

/** The flag on `ferry discover`; the on/off word is the command's optional argument. */
export function addWatchContextOption(command: Command): Command {
  return command
    .argument("[on|off]", "with --watch-context: turn live discovery on or off")
    .option(
      "--watch-context <context>",
      "show, or with on|off set, ferryd's live discovery for this context (with --prune, --kubeconfig, --namespace)",
    );
}
