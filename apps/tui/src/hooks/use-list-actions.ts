import {
  browserUrl,
  type Config,
  type ConfigInput,
  type FerryClient,
  type GroupBy,
  isActive,
  SETTING_KEYS,
} from "@ferry/store/client";
import { readImportFile, writeExportFile } from "../api/configFiles.ts";
import { openUrl, osc52 } from "../api/openUrl.ts";
import type { ConfigRow, HeaderRow } from "../model/listRows.ts";
import { syncReportText } from "../model/syncText.ts";
import type { useBusy } from "./use-busy.ts";
import type { Daemon } from "./use-daemon.ts";

export interface Note {
  text: string;
  color: string;
}

export interface ListActionDeps {
  daemon: Daemon;
  run: ReturnType<typeof useBusy>["run"];
  onError: (err: unknown) => void;
  setNote: (note: Note | null) => void;
  /** After a save: the saved config, to put the cursor on it. */
  onSaved: (saved: Config) => void;
  /** `--kubeconfig`: put into imported entries. */
  kubeconfig: string | null;
  /** Writes to the terminal (the clipboard escape). */
  writeTerminal: (data: string) => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What the main screen asks of the daemon, each behind the spinner and then a fresh list. */
export function useListActions(deps: ListActionDeps) {
  const { daemon, run, onError, setNote, onSaved, kubeconfig, writeTerminal } = deps;
  const { client } = daemon;

  const act = async <T>(
    label: string,
    fn: (c: FerryClient, signal: AbortSignal) => Promise<T>,
    done?: string | ((result: T) => string),
  ) => {
    if (!client) return setNote({ text: "The daemon is not connected yet.", color: "yellow" });
    const result = await run(label, (signal) => fn(client, signal).then((r) => ({ r })));
    if (result === undefined) return;
    // The list first, then the message: a screen that says "imported" shows what was imported.
    await daemon.reload().catch(onError);
    if (done) setNote({ text: typeof done === "string" ? done : done(result.r), color: "green" });
  };

  const toggle = (targets: readonly ConfigRow[]) => {
    const start = targets.filter((r) => !isActive(r.live?.state)).map((r) => r.config.id);
    const stop = targets.filter((r) => isActive(r.live?.state)).map((r) => r.config.id);
    if (start.length + stop.length === 0) return;
    void act(start.length ? "starting" : "stopping", async (c, signal) => {
      if (stop.length) await c.forwards.stop.mutate({ ids: stop }, { signal });
      if (start.length) await c.forwards.start.mutate({ ids: start }, { signal });
    });
  };

  /** Starts or stops every config under a header: by its `group`, else by the rows' ids. */
  const group = (start: boolean, header: HeaderRow, by: GroupBy, ids: number[]) => {
    const selector = by === "group" && header.value ? { group: header.value } : { ids };
    const verb = start ? "starting" : "stopping";
    void act(`${verb} ${header.name}`, (c, signal) =>
      (start ? c.forwards.start : c.forwards.stop).mutate(selector, { signal }),
    );
  };

  const save = async (editing: Config | null, input: ConfigInput) => {
    if (!client) throw new Error("The daemon is not connected.");
    const saved = await run(
      "saving",
      (signal) =>
        editing
          ? client.configs.update.mutate({ id: editing.id, patch: input }, { signal })
          : client.configs.create.mutate(input, { signal }),
      true,
    );
    if (!saved) return;
    onSaved(saved);
    await daemon.reload().catch(onError);
    setNote({ text: `Saved ${saved.alias}.`, color: "green" });
  };

  const importFile = (file: string) =>
    act(
      "importing",
      async (c, signal) => {
        const text = await readImportFile(file);
        return c.configs.import.mutate({ text, ...(kubeconfig ? { kubeconfig } : {}) }, { signal });
      },
      (r) => {
        const warn = r.warnings.length
          ? ` (${plural(r.warnings.length, "warning")}: ${r.warnings[0]})`
          : "";
        return `Imported ${file}: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged${warn}`;
      },
    );

  const exportFile = (file: string) =>
    act(
      "exporting",
      async (c, signal) =>
        writeExportFile(file, await c.configs.export.query(undefined, { signal })),
      (n) => `Exported ${plural(n, "config")} to ${file}.`,
    );

  const remove = (ids: number[]) =>
    act(
      "deleting",
      (c, signal) => c.configs.delete.mutate(ids, { signal }),
      `Deleted ${plural(ids.length, "config")}.`,
    );

  const startAll = () =>
    act("starting all", (c, signal) => c.forwards.startAll.mutate(undefined, { signal }));
  const stopAll = () =>
    act("stopping all", (c, signal) => c.forwards.stopAll.mutate(undefined, { signal }));

  /** The running forward's local end in the browser (scheme: the `open.scheme` setting). */
  const open = async (row: ConfigRow | null) => {
    const live = row?.live;
    if (!row || !live || !isActive(live.state) || !live.localPort || row.config.protocol !== "tcp")
      return setNote({
        text: "Start a TCP forward (f) to open it in the browser.",
        color: "yellow",
      });
    const setting = await client?.settings.get.query(SETTING_KEYS.openScheme).catch(() => null);
    const url = browserUrl(setting, live.localAddress, live.localPort);
    await openUrl(url).then(
      () => setNote({ text: `Opened ${url}`, color: "green" }),
      (err: Error) => setNote({ text: err.message, color: "red" }),
    );
  };

  /** Puts text on the clipboard through the terminal (OSC 52: works over SSH too). */
  const copy = (what: string, text: string | null | undefined) => {
    if (!text) return setNote({ text: `No ${what} to copy.`, color: "yellow" });
    writeTerminal(osc52(text));
    setNote({ text: `Copied the ${what}: ${text}`, color: "green" });
  };

  /** kftui's `l`: the row's HTTP-log flag on or off (stored with the config). */
  const toggleHttpLogs = (row: ConfigRow) => {
    const on = !row.config.http_logs_enabled;
    void act(
      "saving",
      (c, signal) =>
        c.configs.update.mutate(
          { id: row.config.id, patch: { http_logs_enabled: on } },
          { signal },
        ),
      `HTTP logs ${on ? "on" : "off"} for ${row.config.alias}.`,
    );
  };

  /** Every git sync source now (`sync.now`); the reports, or what failed, on the status line. */
  const syncNow = async () => {
    if (!client) return;
    const reports = await run("syncing", (signal) => client.sync.now.mutate({}, { signal }));
    if (!reports) return;
    if (reports.length === 0)
      return setNote({
        text: "No git sync sources: add one with ferry sync add.",
        color: "yellow",
      });
    await daemon.reload().catch(onError);
    const failed = reports.some((r) => r.error);
    setNote({ text: reports.map(syncReportText).join(" · "), color: failed ? "red" : "green" });
  };

  return {
    syncNow,
    toggle,
    group,
    save,
    importFile,
    exportFile,
    remove,
    startAll,
    stopAll,
    open,
    copy,
    toggleHttpLogs,
  };
}
