import type { DiscoverApplyInput } from "@ferry/store/client";
import type { Command } from "commander";
import { CliError, EXIT } from "../cliError.ts";
import { progressPrinter } from "../daemon/progressLines.ts";
import { startAndWatch } from "../daemon/waitForStates.ts";
import { withDaemon } from "../daemon/withDaemon.ts";
import { discoverPlanText } from "../format/discoverPlan.ts";
import { print } from "../output.ts";
import { addWatchContextOption, type LiveOptions, watchContext } from "./discoverLive.ts";

interface DiscoverOptions {
  context: string[];
  allContexts?: boolean;
  kubeconfig?: string;
  namespace?: string;
  dryRun?: boolean;
  prune?: boolean;
  json?: boolean;
  allServices?: boolean;
  domain?: boolean;
  loopback?: boolean;
  start?: boolean;
}

const STARTABLE = new Set(["add", "update", "unchanged", "kept-local-change"]);

const collect = (value: string, all: string[]) => [...all, value];

function discoverInput(o: DiscoverOptions): DiscoverApplyInput {
  if (o.allServices && o.namespace === undefined)
    throw new CliError("--all-services takes one namespace: add --namespace N", {
      exitCode: EXIT.usage,
    });
  if (o.allContexts && o.context.length > 0)
    throw new CliError("give --context or --all-contexts, not both", { exitCode: EXIT.usage });
  return {
    contexts: o.context.length > 0 ? o.context : undefined,
    allContexts: o.allContexts,
    kubeconfig: o.kubeconfig,
    namespace: o.namespace,
    allServices: o.allServices,
    domain: o.domain,
    loopback: o.loopback,
    prune: o.prune,
    dryRun: o.dryRun,
    start: o.start,
  };
}

/** `ferry discover`: configs from annotated Services and workloads, planned and applied by ferryd. */
export function registerDiscoverCommand(program: Command): void {
  const command = program.command("discover");
  addWatchContextOption(command)
    .description(
      "add configs from annotated Services, Deployments and StatefulSets (kftray.app/configs, kftray.app/enabled, ferry.dev/forwards)",
    )
    .option(
      "-c, --context <context>",
      "a kube context to look in (repeatable; default the current one)",
      collect,
      [],
    )
    .option("--all-contexts", "every context of the kubeconfig")
    .option("--kubeconfig <path>", "the kubeconfig to read (default $KUBECONFIG or ~/.kube/config)")
    .option("-n, --namespace <namespace>", "one namespace (default all you may list)")
    .option("--dry-run", "show the plan, write nothing")
    .option(
      "--prune",
      "remove discovered configs whose annotation or object is gone (never your own)",
    )
    .option("--json", "print the plan as JSON")
    .option("--all-services", "also every Service port without an annotation (needs --namespace)")
    .option("--domain", "make each alias a host name while it runs (domain_enabled)")
    .option("--loopback", "give each Service its own 127.0.0.x address")
    .option("--start", "start what was discovered")
    .action(async (setting: string | undefined, options: DiscoverOptions & LiveOptions) => {
      if (options.watchContext !== undefined) return watchContext(setting, options);
      if (setting !== undefined)
        throw new CliError(`"${setting}" needs --watch-context <context> before it`, {
          exitCode: EXIT.usage,
        });
      const input = discoverInput(options);
      // The daemon applies; the CLI starts (as `ferry start` does) so it can wait for each forward
      // to be running or failed and say which.
      const { start, ...apply } = input;
      const report = await withDaemon(async (client) => {
        const done = await client.discover.applyPlan.mutate(apply);
        if (!options.json) print(discoverPlanText(done));
        const aliases = done.rows.filter((r) => STARTABLE.has(r.action)).map((r) => r.alias);
        if (start && !done.dryRun && aliases.length > 0) {
          const onChange = options.json ? () => {} : progressPrinter(process.stdout);
          done.started = await startAndWatch(client, { aliases }, onChange);
        }
        return done;
      });
      if (options.json) print(`${JSON.stringify(report, null, 2)}\n`);
      const failed = report.started.filter((r) => r.state !== "running");
      if (failed.length > 0) {
        const lines = failed.map((r) => `  ${r.alias}: ${r.error?.message ?? r.state}`);
        throw new CliError(
          `${failed.length} discovered forward(s) did not start:\n${lines.join("\n")}`,
          {
            code: failed[0]?.error?.code ?? "START_FAILED",
          },
        );
      }
    });
}
