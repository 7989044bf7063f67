import type { FerryClient, HttpExchangeSummary } from "@ferry/store/client";
import type { Command } from "commander";
import { CliError, EXIT } from "../cliError.ts";
import { withDaemon } from "../daemon/withDaemon.ts";
import { parseDuration } from "../format/duration.ts";
import { exchangeFull, exchangeJson, exchangeLine, exchangesTable } from "../format/httpLogText.ts";
import { note, print } from "../output.ts";

interface HttpLogOptions {
  follow?: boolean;
  json?: boolean;
  since?: string;
  bodies?: boolean;
  limit?: string;
  curl?: string;
  replay?: string;
}

/** Without --since, -f shows this many of the latest exchanges before following. */
const FOLLOW_BACKLOG = 10;

function checkOptions(o: HttpLogOptions): void {
  const actions = [o.curl, o.replay, o.follow].filter((x) => x !== undefined);
  if (actions.length > 1)
    throw new CliError("give one of -f, --curl and --replay", { exitCode: EXIT.usage });
  if (o.limit !== undefined && !/^[1-9]\d*$/.test(o.limit))
    throw new CliError(`--limit takes a positive number, got "${o.limit}"`, {
      exitCode: EXIT.usage,
    });
}

async function list(client: FerryClient, ref: string, o: HttpLogOptions, since?: number) {
  return client.logs.http.query({
    ref,
    since,
    limit: o.limit === undefined ? undefined : Number(o.limit),
    bodies: o.bodies ?? false,
  });
}

function printExchanges(items: Awaited<ReturnType<typeof list>>, o: HttpLogOptions): void {
  if (o.json) print(items.map((e) => exchangeJson(e, o.bodies ?? false)).join(""));
  else if (o.bodies) print(items.map(exchangeFull).join(""));
  else print(exchangesTable(items));
}

/** Prints each new exchange of `ref` until Ctrl-C (or the daemon goes away: exit 1). */
async function follow(client: FerryClient, ref: string, o: HttpLogOptions, since?: number) {
  const backlog = await list(client, ref, o, since);
  const shown = since === undefined ? backlog.slice(-FOLLOW_BACKLOG) : backlog;
  const show = async (s: HttpExchangeSummary) => {
    if (!o.bodies) return print(o.json ? exchangeJson(s, false) : exchangeLine(s));
    const full = (await list(client, ref, o, s.requestAt)).find((e) => e.traceId === s.traceId);
    print(o.json ? exchangeJson(full ?? s, true) : full ? exchangeFull(full) : exchangeLine(s));
  };
  for (const e of shown) await show(e);
  await new Promise<void>((resolve, reject) => {
    let queue = Promise.resolve();
    const sub = client.logs.follow.subscribe(
      { ref },
      {
        onData: (s) => {
          queue = queue.then(() => show(s)).catch(reject);
        },
        onError: (err) => reject(err),
      },
    );
    const stop = () => {
      sub.unsubscribe();
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** `ferry logs http <alias>`: the forward's HTTP exchanges, followed, as curl, or replayed. */
export function registerLogsCommands(program: Command): void {
  const logs = program.command("logs").description("what went through a forward");
  logs
    .command("http <alias>")
    .description(
      "HTTP exchanges logged on a forward (turn on: ferry config edit <alias> --http-logs-enabled true)",
    )
    .option("-f, --follow", "print new exchanges as they happen, until Ctrl-C")
    .option("--json", "one JSON object per exchange, one per line")
    .option("--since <duration>", "only exchanges of the last 30s, 10m, 2h, 1d...")
    .option("--limit <n>", "at most the n latest exchanges")
    .option("--bodies", "headers and bodies too (as logged: redacted, capped)")
    .option("--curl <trace-id>", "print that exchange as a curl command")
    .option(
      "--replay <trace-id>",
      "send that request again through the forward (logged as a new exchange)",
    )
    .action(async (alias: string, o: HttpLogOptions) => {
      checkOptions(o);
      const since =
        o.since === undefined ? undefined : Date.now() - parseDuration(o.since, "--since");
      await withDaemon(async (client) => {
        if (o.curl !== undefined) {
          const { command } = await client.logs.curl.query({ ref: alias, traceId: o.curl });
          return print(`${command}\n`);
        }
        if (o.replay !== undefined) {
          const r = await client.logs.replay.mutate({ ref: alias, traceId: o.replay });
          if (o.json) return print(`${JSON.stringify(r)}\n`);
          return print(`replayed ${o.replay}: ${r.status} in ${r.durationMs}ms\n`);
        }
        if (o.follow) return follow(client, alias, o, since);
        const items = await list(client, alias, o, since);
        printExchanges(items, o);
        if (items.length === 0 && !o.json) {
          const { path } = await client.logs.file.query({ ref: alias });
          if (path === null)
            note(
              `HTTP logging is off for ${alias}: ferry config edit ${alias} --http-logs-enabled true\n`,
            );
        }
      });
    });
}
