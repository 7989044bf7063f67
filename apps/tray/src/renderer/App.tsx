import { lazy, Suspense, useMemo, useState } from "react";
import { toApiError } from "./api/apiError.ts";
import type { Config, DaemonApi } from "./api/daemonApi.ts";
import { ConfigDialog } from "./components/ConfigDialog.tsx";
import { ConfigList } from "./components/ConfigList.tsx";
import { ImportExport } from "./components/ImportExport.tsx";
import { SettingsView } from "./components/SettingsView.tsx";
import { matchesSearch, stateOf } from "./configView.ts";
import { useForwards } from "./hooks/useForwards.ts";

type View = "forwards" | "settings";

// The chart library is most of the bundle: load it when a details view first opens.
const DetailsView = lazy(() =>
  import("./components/DetailsView.tsx").then((m) => ({ default: m.DetailsView })),
);

export function App({ api }: { api: DaemonApi }) {
  const { configs, statuses, events, problem, reload } = useForwards(api);
  const [view, setView] = useState<View>("forwards");
  const [search, setSearch] = useState("");
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [busy, setBusy] = useState<Set<number>>(new Set());
  const [dialog, setDialog] = useState<{ editing: Config | null } | null>(null);
  const [detailsId, setDetailsId] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const shown = useMemo(() => configs.filter((c) => matchesSearch(c, search)), [configs, search]);
  const details = configs.find((c) => c.id === detailsId) ?? null;

  const run = async (ids: number[], start: boolean) => {
    if (ids.length === 0) return;
    setBusy((b) => new Set([...b, ...ids]));
    try {
      await (start ? api.start(ids) : api.stop(ids));
    } catch (err) {
      // A refused start (port in use, ...) also shows on the row as the forward's error state.
      setNotice(toApiError(err).message);
    } finally {
      setBusy((b) => new Set([...b].filter((id) => !ids.includes(id))));
      await reload();
    }
  };

  const selectedIds = [...selected].filter((id) => configs.some((c) => c.id === id));
  return (
    <div className="app">
      <header className="topbar">
        <h1>Ferry</h1>
        <nav aria-label="Views">
          <button
            type="button"
            aria-current={view === "forwards" ? "page" : undefined}
            onClick={() => setView("forwards")}
          >
            Forwards
          </button>
          <button
            type="button"
            aria-current={view === "settings" ? "page" : undefined}
            onClick={() => setView("settings")}
          >
            Settings
          </button>
        </nav>
      </header>
      {problem ? (
        <p className="banner" role="alert">
          Daemon: {problem}
        </p>
      ) : null}
      <div role="status" aria-live="polite" className="notice">
        {notice}
      </div>
      <main>
        {view === "settings" ? (
          <SettingsView api={api} />
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
                <ImportExport api={api} onNotice={setNotice} onImported={() => void reload()} />
              </div>
              <div className="toolbar" role="toolbar" aria-label="Selection">
                <span className="muted">{selectedIds.length} selected</span>
                <button
                  type="button"
                  disabled={selectedIds.length === 0}
                  onClick={() => void run(selectedIds, true)}
                >
                  Start selected
                </button>
                <button
                  type="button"
                  disabled={selectedIds.length === 0}
                  onClick={() => void run(selectedIds, false)}
                >
                  Stop selected
                </button>
                <button
                  type="button"
                  disabled={shown.length === 0}
                  onClick={() => setSelected(new Set(shown.map((c) => c.id)))}
                >
                  Select all shown
                </button>
                <button
                  type="button"
                  disabled={selectedIds.length === 0}
                  onClick={() => setSelected(new Set())}
                >
                  Clear selection
                </button>
              </div>
              <ConfigList
                configs={shown}
                statuses={statuses}
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
                onEdit={(config) => setDialog({ editing: config })}
                onDetails={(config) => setDetailsId(config.id)}
              />
            </div>
            {details ? (
              <Suspense fallback={<p className="muted">Loading details…</p>}>
                <DetailsView
                  key={details.id}
                  config={details}
                  status={stateOf(statuses, details.id)}
                  events={events}
                  onClose={() => setDetailsId(null)}
                />
              </Suspense>
            ) : null}
          </div>
        )}
      </main>
      {dialog ? (
        <ConfigDialog
          api={api}
          editing={dialog.editing}
          onClose={(saved) => {
            setDialog(null);
            if (saved) {
              setNotice(`Saved ${saved.alias}`);
              void reload();
            }
          }}
        />
      ) : null}
    </div>
  );
}
