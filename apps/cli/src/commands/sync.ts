import { resolve } from "node:path";
import type { SyncReport, SyncSourceInput } from "@ferry/store/client";
import type { Command } from "commander";
import { CliError, EXIT } from "../cliError.ts";
import { withDaemon } from "../daemon/withDaemon.ts";
import { parseDuration } from "../format/duration.ts";
import { syncListText, syncReportText, syncStatusText } from "../format/syncText.ts";
import { print } from "../output.ts";

interface AddOptions {
  path: string;
  ref?: string;
  interval?: string;
  prune: boolean;
  context?: string;
  kubeconfig?: string;
  tokenEnv?: string;
  tokenFile?: string;
  caFile?: string;
  username?: string;
  authScheme?: string;
  json?: boolean;
}

const printJson = (value: unknown) => print(`${JSON.stringify(value, null, 2)}\n`);
const absolute = (p: string | undefined) => (p === undefined ? undefined : resolve(p));

function addInput(name: string, url: string, o: AddOptions): SyncSourceInput {
  if (o.authScheme !== undefined && o.authScheme !== "basic" && o.authScheme !== "bearer")
    throw new CliError(`--auth-scheme takes basic or bearer, got "${o.authScheme}"`, {
      exitCode: EXIT.usage,
    });
  return {
    name,
    url,
    path: o.path,
    ref: o.ref,
    intervalSeconds: intervalSeconds(o.interval),
    prune: o.prune,
    context: o.context,
    kubeconfig: absolute(o.kubeconfig),
    tokenEnv: o.tokenEnv,
    tokenFile: absolute(o.tokenFile),
    caFile: absolute(o.caFile),
    username: o.username,
    authScheme: o.authScheme as SyncSourceInput["authScheme"],
  };
}

/** `--interval 5m` in seconds; `0` = only on demand. */
function intervalSeconds(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === "0") return 0;
  return Math.ceil(parseDuration(text, "--interval") / 1000);
}

/** Prints the reports; a failed one makes the command fail (exit 1) after all are printed. */
function finishReports(reports: SyncReport[], json: boolean | undefined): void {
  if (json) printJson(reports);
  else for (const r of reports) print(syncReportText(r));
  const failed = reports.filter((r) => r.error);
  if (failed.length === 0) return;
  const first = failed[0] as SyncReport;
  throw new CliError(
    failed.length === 1
      ? `sync of ${first.source} failed; nothing was changed: ${first.error?.message}`
      : `${failed.length} syncs failed; nothing was changed for them (see above)`,
    { code: first.error?.code },
  );
}

/** `ferry sync ...`: the git sources ferryd follows (`sync` router area). */
export function registerSyncCommands(program: Command): void {
  const sync = program
    .command("sync")
    .description("follow forward configs kept in git repositories (HTTPS or file://)");

  sync
    .command("add <name> <url>")
    .description(
      "add a sync source and sync it: the configs at <path> of <url> (a JSON file or a directory)",
    )
    .requiredOption("--path <path>", "a JSON file or a directory of JSON files in the repository")
    .option("--ref <ref>", "branch or ref (default main)")
    .option(
      "--interval <duration>",
      "how often ferryd syncs it, e.g. 5m (default 5m; 0 = only on demand)",
    )
    .option("--no-prune", "flag configs deleted upstream instead of removing them")
    .option("--context <context>", "kube context for every config of this source")
    .option("--kubeconfig <path>", "kubeconfig for every config of this source")
    .option("--token-env <var>", "read the token from this environment variable (of ferryd)")
    .option("--token-file <path>", "read the token from this file (mode 0600 required)")
    .option("--ca-file <path>", "a private CA for the server (PEM)")
    .option("--username <user>", "user name for basic auth (default: the token alone)")
    .option("--auth-scheme <scheme>", "basic or bearer (default basic)")
    .option("--json", "print the source as JSON")
    .action(async (name: string, url: string, o: AddOptions) => {
      const input = addInput(name, url, o);
      const source = await withDaemon((client) => client.sync.add.mutate(input));
      if (o.json) return printJson(source);
      const every = source.intervalSeconds ? `every ${source.intervalSeconds}s` : "on demand only";
      print(
        `added sync source ${source.name}: ${source.url} ${source.ref}:${source.path}, ${every}\n`,
      );
      // Adding is the first sync: ferryd fetched, checked and applied it before storing the source.
      if (source.status.lastReport) print(syncReportText(source.status.lastReport));
    });

  sync
    .command("list")
    .alias("ls")
    .description("every sync source with its last sync")
    .option("--json", "print JSON")
    .action(async (o: { json?: boolean }) => {
      const sources = await withDaemon((client) => client.sync.list.query());
      print(o.json ? `${JSON.stringify(sources, null, 2)}\n` : syncListText(sources));
    });

  sync
    .command("status [name]")
    .description("each source (or one) in full: last sync, commit, error, next sync")
    .option("--json", "print JSON")
    .action(async (name: string | undefined, o: { json?: boolean }) => {
      const all = await withDaemon((client) => client.sync.list.query());
      const sources = name === undefined ? all : all.filter((s) => s.name === name);
      if (name !== undefined && sources.length === 0)
        throw new CliError(`no sync source named "${name}"; \`ferry sync list\` shows them all`);
      if (o.json) return printJson(name === undefined ? sources : sources[0]);
      print(sources.length ? sources.map((s) => syncStatusText(s)).join("\n") : syncListText([]));
    });

  sync
    .command("rm <name>")
    .alias("remove")
    .description("remove a sync source and the configs it added")
    .option("--keep-configs", "keep its configs (they become your own)")
    .option("--json", "print JSON")
    .action(async (name: string, o: { keepConfigs?: boolean; json?: boolean }) => {
      const r = await withDaemon((client) =>
        client.sync.remove.mutate({ name, keepConfigs: o.keepConfigs }),
      );
      if (o.json) return printJson(r);
      print(
        o.keepConfigs
          ? `removed sync source ${name}; its configs are kept as your own\n`
          : `removed sync source ${name} and its ${r.removed} config${r.removed === 1 ? "" : "s"}\n`,
      );
    });

  sync
    .command("now [name]")
    .alias("pull")
    .description("sync one source (or all) now")
    .option("--force", "replace local changes to synced configs with upstream")
    .option("--json", "print the reports as JSON")
    .action(async (name: string | undefined, o: { force?: boolean; json?: boolean }) => {
      const reports = await withDaemon((client) =>
        client.sync.now.mutate({ name, force: o.force }),
      );
      if (reports.length === 0 && !o.json)
        return print("no sync sources; add one with `ferry sync add <name> <url> --path P`\n");
      finishReports(reports, o.json);
    });

  sync
    .command("push <name>")
    .description("commit this source's configs as they are here and push them (never a force push)")
    .option("-m, --message <message>", "the commit message")
    .option("--all", "write every local config into the source, not only its own")
    .option("--json", "print JSON")
    .action(async (name: string, o: { message?: string; all?: boolean; json?: boolean }) => {
      const r = await withDaemon((client) =>
        client.sync.push.mutate({ name, message: o.message, all: o.all }),
      );
      if (o.json) return printJson(r);
      print(
        r.pushed && r.commit
          ? `pushed ${r.commit.slice(0, 7)} to ${name}\n`
          : `nothing to push: ${name} already has these configs\n`,
      );
    });
}
