import type { Config, ConfigInput, DaemonApi, ImportResult } from "../api/daemonApi.ts";
import type { ConfigRow } from "../model/listRows.ts";
import { isActive } from "../model/stateStyle.ts";
import type { useBusy } from "./use-busy.ts";
import type { useDaemon } from "./use-daemon.ts";

export interface Note {
  text: string;
  color: string;
}

export interface ListActionDeps {
  daemon: ReturnType<typeof useDaemon>;
  run: ReturnType<typeof useBusy>["run"];
  onError: (err: unknown) => void;
  setNote: (note: Note | null) => void;
  /** After a save: the saved config, to put the cursor on it. */
  onSaved: (saved: Config) => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What the main screen asks of the daemon, each behind the spinner and then a fresh list. */
export function useListActions({ daemon, run, onError, setNote, onSaved }: ListActionDeps) {
  const { api } = daemon;

  const act = async <T>(
    label: string,
    fn: (a: DaemonApi, signal: AbortSignal) => Promise<T>,
    done?: string | ((result: T) => string),
  ) => {
    if (!api) return setNote({ text: "The daemon is not connected yet.", color: "yellow" });
    const result = await run(label, (signal) => fn(api, signal).then((r) => ({ r })));
    if (result === undefined) return;
    // The list first, then the message: a screen that says "imported" shows what was imported.
    await daemon.reloadConfigs().catch(onError);
    if (done) setNote({ text: typeof done === "string" ? done : done(result.r), color: "green" });
  };

  const toggle = (targets: readonly ConfigRow[]) => {
    const start = targets.filter((r) => !isActive(r.status?.state)).map((r) => r.config.id);
    const stop = targets.filter((r) => isActive(r.status?.state)).map((r) => r.config.id);
    if (start.length + stop.length === 0) return;
    void act(start.length ? "starting" : "stopping", async (a, signal) => {
      if (stop.length) await a.stop(stop, { signal });
      if (start.length) await a.start(start, { signal });
    });
  };

  const save = async (editing: Config | null, input: ConfigInput) => {
    if (!api) throw new Error("The daemon is not connected.");
    const saved = await run(
      "saving",
      (signal) =>
        editing
          ? api.updateConfig(editing.id, input, { signal })
          : api.createConfig(input, { signal }),
      true,
    );
    if (!saved) return;
    onSaved(saved);
    await daemon.reloadConfigs().catch(onError);
    setNote({ text: `Saved ${saved.alias}.`, color: "green" });
  };

  const importFile = (file: string) =>
    act(
      "importing",
      (a, signal) => a.importFile(file, { signal }),
      (r: ImportResult) => {
        const warn = r.warnings.length
          ? ` (${plural(r.warnings.length, "warning")}: ${r.warnings[0]})`
          : "";
        return `Imported ${file}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged${warn}`;
      },
    );

  const exportFile = (file: string) =>
    act("exporting", (a, signal) => a.exportFile(file, { signal }), `Exported to ${file}.`);

  const remove = (ids: number[]) =>
    act(
      "deleting",
      (a, signal) => a.deleteConfigs(ids, { signal }),
      `Deleted ${plural(ids.length, "config")}.`,
    );

  const startAll = () => act("starting all", (a, signal) => a.startAll({ signal }));
  const stopAll = () => act("stopping all", (a, signal) => a.stopAll({ signal }));

  return { toggle, save, importFile, exportFile, remove, startAll, stopAll };
}
