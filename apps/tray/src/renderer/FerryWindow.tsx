import {
  type Config,
  type DaemonSkew,
  type FerryClient,
  ferryErrorOf,
  type GroupBy,
  matchesSearch,
  printable,
  type RowGroup,
  SETTING_KEYS,
} from "@ferry/store/client";
import { lazy, Suspense, useMemo, useState } from "react";
import { ConfigDialog } from "./components/ConfigDialog.tsx";
import { ConfigList } from "./components/ConfigList.tsx";
import { ConfirmDelete } from "./components/ConfirmDelete.tsx";
import { DaemonLinkBanner } from "./components/DaemonLinkBanner.tsx";
import { DaemonSkewNotice } from "./components/DaemonSkewNotice.tsx";
import { DiscoverDialog } from "./components/DiscoverDialog.tsx";
import { ImportExport } from "./components/ImportExport.tsx";
import { SelectionBar } from "./components/SelectionBar.tsx";
import { SettingsView } from "./components/SettingsView.tsx";
import { SyncView } from "./components/SyncView.tsx";
import { useExchanges } from "./hooks/useExchanges.ts";
import type { DaemonLinkState, ForwardsState } from "./hooks/useForwards.ts";
import { useSetting } from "./hooks/useSetting.ts";

type View = "forwards" | "sync" | "settings";

// The chart library is most of the bundle: load it when a details view first opens.
const DetailsView = lazy(() =>
  import("./components/DetailsView.tsx").then((m) => ({ default: m.DetailsView })),
);

export interface FerryWindowProps {
  /** The current daemon's client: a new one after the daemon was lost and found again. */
  client: FerryClient;
  forwards: ForwardsState;
  link: DaemonLinkState;
  /** What connecting found about a daemon of another version (main passes it with the token). */
  skew: DaemonSkew | undefined;
}

/** The window, on the daemon the session (App) holds now. */
export function FerryWindow({ client, forwards, link, skew }: FerryWindowProps) {
  const { configs, rows, events, problem, reload } = forwards;
  const [view, setView] = useState<View>("forwards");
  const [search, setSearch] = useState("");
  const [groupBy, setGroupBy] = useState<GroupBy>("context");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<{
    editing: Config | null;
    copyOf?: Config;
  } | null>(null);
  const [detailsId, setDetailsId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Config[] | null>(null);
  const [discovering, setDiscovering] = useState(false);
  // Exchanges logged on any forward since the window opened (or since "clear"): live.
  const fresh = useExchanges(client);

  // Read again whenever the view changes (the settings view may have changed it).
  const scheme = useSetting(client, SETTING_KEYS.openScheme, view) === "https" ? "https" : "http";
  const shown = useMemo(() => configs.filter((c) => matchesSearch(c, search)), [configs, search]);
  const details = configs.find((c) => c.id === detailsId) ?? null;

  const run = async (ids: number[], start: boolean, group?: string) => {
    if (ids.length === 0) return;
    setBusy((b) => new Set([...b, ...ids]));
    try {
      const target = start ? client.forwards.start : client.forwards.stop;
      await target.mutate(group ? { group } : { ids });
    } catch (err) {
      // A refused start (port in use, ...) also shows on the row as the forward's error state.
      setNotice(printable(ferryErrorOf(err).message));
    } finally {
      setBusy((b) => new Set([...b].filter((id) => !ids.includes(id))));
    }
  };
  const runAll = async (start: boolean) => {
    try {
      await (start ? client.forwards.startAll.mutate() : client.forwards.stopAll.mutate());
    } catch (err) {
      setNotice(printable(ferryErrorOf(err).message));
    }
  };
  const remove = async (list: Config[]) => {
    setDeleting(null);
    try {
      const n = await client.configs.delete.mutate(list.map((c) => c.id));
      setSelected(new Set());
      setNotice(printable(`Deleted ${list.map((c) => c.alias).join(", ")} (${n}).`));
    } catch (err) {
      setNotice(printable(ferryErrorOf(err).message));
    }
    await reload();
  };
  const runGroup = (g: RowGroup<Config>, start: boolean) =>
    run(
      g.items.map((c) => c.id),
      start,
      groupBy === "group" && g.value ? g.value : undefined,
    );

  const selectedIds = [...selected].filter((id) => configs.some((c) => c.id === id));
  return (
    <div className="app">
      <header className="topbar">
        <h1>Ferry</h1>
        {fresh.list.length > 0 ? (
          <button
            type="button"
            className="http-new"
            data-testid="http-new"
            title="HTTP exchanges logged since this window opened; click to clear"
            onClick={fresh.clear}
          >
            {fresh.list.length} new HTTP exchange{fresh.list.length === 1 ? "" : "s"}
          </button>
        ) : null}
        <nav aria-label="Views">
          {(
            [
              ["forwards", "Forwards"],
              ["sync", "Sync"],
              ["settings", "Settings"],
            ] as const
          ).map(([v, label]) => (
            <button
              key={v}
              type="button"
              aria-current={view === v ? "page" : undefined}
              onClick={() => setView(v)}
            >
              {label}
            </button>
          ))}
        </nav>
      </header>
      <DaemonLinkBanner link={link} />
      {/* A new hand-over (another gap, other forwards) is shown again even after a dismissal. */}
      <DaemonSkewNotice key={JSON.stringify(skew ?? null)} skew={skew} />
      {problem && link.state === "live" ? (
        <p className="banner" role="alert">
          Daemon: {printable(problem)}
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="notice">
        {notice}
      </div>
      <main>
        {view === "settings" ? (
          <SettingsView client={client} />
        ) : view === "sync" ? (
          <SyncView client={client} />
        ) : (
          <div className={details ? "split" : ""}>
            <div className="list-pane">
              <div className="toolbar">
                <label htmlFor="search" className="sr-only">
                  Search configs
                </label>
                <input
                  id="search"
                  type="search"
                  placeholder="Search alias, namespace, target, port…"
                  value={search}
                  onChange={(e) => setSearch(e.target.value)}
                />
                <button
                  type="button"
                  className="primary"
                  onClick={() => setDialog({ editing: null })}
                >
                  Add config
                </button>
                <button type="button" onClick={() => setDiscovering(true)}>
                  Discover…
                </button>
                <ImportExport
                  client={client}
                  onNotice={setNotice}
                  onImported={() => void reload()}
                />
                <label htmlFor="group-by">Group by</label>
                <select
                  id="group-by"
                  value={groupBy}
                  onChange={(e) => setGroupBy(e.target.value as GroupBy)}
                >
                  <option value="context">context</option>
                  <option value="group">group</option>
                </select>
              </div>
              <SelectionBar
                selected={selectedIds}
                shown={shown}
                onRun={(start) => void run(selectedIds, start)}
                onAll={(start) => void runAll(start)}
                onDelete={() => setDeleting(configs.filter((c) => selected.has(c.id)))}
                onSelect={(ids) => setSelected(new Set(ids))}
              />
              <ConfigList
                configs={shown}
                rows={rows}
                groupBy={groupBy}
                selected={selected}
                busy={busy}
                onSelect={(id, on) =>
                  setSelected((s) => {
                    const next = new Set(s);
                    if (on) next.add(id);
                    else next.delete(id);
                    return next;
                  })
                }
                onToggle={(id, start) => void run([id], start)}
                onGroup={(g, start) => void runGroup(g, start)}
                onEdit={(config) => setDialog({ editing: config })}
                onDuplicate={(config) => setDialog({ editing: null, copyOf: config })}
                onDetails={(config) => setDetailsId(config.id)}
              />
            </div>
            {details ? (
              <Suspense fallback={<p className="muted">Loading details…</p>}>
                <DetailsView
                  key={details.id}
                  client={client}
                  config={details}
                  row={rows.get(details.id)}
                  events={events}
                  scheme={scheme}
                  onClose={() => setDetailsId(null)}
                />
              </Suspense>
            ) : null}
          </div>
        )}
      </main>
      {deleting ? (
        <ConfirmDelete
          aliases={deleting.map((c) => c.alias)}
          onAnswer={(yes) => (yes ? void remove(deleting) : setDeleting(null))}
        />
      ) : null}
      {discovering ? (
        <DiscoverDialog
          client={client}
          onClose={(applied) => {
            setDiscovering(false);
            if (applied) {
              const n = applied.summary;
              setNotice(`Discovered: ${n.add} added, ${n.update} updated, ${n.remove} removed`);
              void reload();
            }
          }}
        />
      ) : null}
      {dialog ? (
        <ConfigDialog
          client={client}
          editing={dialog.editing}
          copyOf={dialog.copyOf ?? null}
          configs={configs}
          onClose={(saved) => {
            setDialog(null);
            if (saved) {
              setNotice(printable(`Saved ${saved.alias}`));
              void reload();
            }
          }}
        />
      ) : null}
    </div>
  );
}
