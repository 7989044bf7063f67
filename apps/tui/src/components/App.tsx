import { join } from "node:path";
import { type Config, type GroupBy, localEndText } from "@ferry/store/client";
import { Box, useApp, useStdout, useWindowSize } from "ink";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useBusy } from "../hooks/use-busy.ts";
import { type Connected, errorText, useDaemon } from "../hooks/use-daemon.ts";
import { useHttpCount } from "../hooks/use-http-count.ts";
import { type Note, useListActions } from "../hooks/use-list-actions.ts";
import { type Mode, useListKeys } from "../hooks/use-list-keys.ts";
import { useSync } from "../hooks/use-sync.ts";
import type { KeyMap } from "../model/keymap.ts";
import { buildRows, configRows, type HeaderRow } from "../model/listRows.ts";
import { AboutScreen } from "./AboutScreen.tsx";
import { ConfigForm } from "./ConfigForm.tsx";
import { ConfigList } from "./ConfigList.tsx";
import { DetailsPane } from "./DetailsPane.tsx";
import { DiscoverScreen } from "./DiscoverScreen.tsx";
import { FileBrowser } from "./FileBrowser.tsx";
import { Header } from "./Header.tsx";
import { HelpOverlay } from "./HelpOverlay.tsx";
import { HttpLogSettings } from "./HttpLogSettings.tsx";
import { HttpLogViewer } from "./HttpLogViewer.tsx";
import { SettingsScreen } from "./SettingsScreen.tsx";
import { Spinner } from "./Spinner.tsx";
import { StatusLine } from "./StatusLine.tsx";

export interface AppProps {
  /** Finds or starts the daemon; called again when it is lost. */
  connect: () => Promise<Connected>;
  /** Pause before reconnecting to a lost daemon (tests shorten it). */
  retryMs?: number;
  /** Fixed size (tests); the terminal's size otherwise, following resizes. */
  size?: { columns: number; rows: number };
  /** `--kubeconfig`: for imports and new configs. */
  kubeconfig?: string | null;
  /** `--kftui-keys`: kftui's key map instead of Ferry's. */
  keyMap?: KeyMap;
  /** Where the file browsers open (tests); else the import one in the working directory and
   * the kubeconfig one in ~/.kube. */
  cwd?: string;
}

/** The whole screen: list, details and status line, or the form, or the help. */
export function App(props: AppProps) {
  const { connect, retryMs, size, kubeconfig = null, keyMap = "ferry" } = props;
  const { exit } = useApp();
  const term = useWindowSize();
  const { write } = useStdout();
  const columns = size?.columns ?? term.columns;
  const rows = size?.rows ?? term.rows;
  const daemon = useDaemon({ connect, ...(retryMs ? { retryMs } : {}) });
  const { client, live } = daemon;
  const [mode, setMode] = useState<Mode>("list");
  const [filter, setFilter] = useState("");
  const [groupBy, setGroupBy] = useState<GroupBy>("context");
  const [path, setPath] = useState("");
  const [cursorId, setCursorId] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [note, setNote] = useState<Note | null>(null);
  const [editing, setEditing] = useState<Config | null>(null);
  const [copyOf, setCopyOf] = useState<Config | null>(null);

  const onError = useCallback(
    (err: unknown) => setNote({ text: errorText(err), color: "red" }),
    [],
  );
  const { busy, run, cancel } = useBusy(onError);
  // A logged exchange changes its forward's count (details pane) with no row pushed: read them.
  const httpCount = useHttpCount(client, daemon.refreshRows);
  const syncSources = useSync(client);
  useEffect(() => {
    // Shown until the next key, as any note; one line a sentence (a hand-over says two or three).
    if (daemon.notice)
      setNote({ text: daemon.notice.lines.join("\n"), color: daemon.notice.color });
  }, [daemon.notice]);
  const actions = useListActions({
    daemon,
    run,
    onError,
    setNote,
    kubeconfig,
    writeTerminal: write,
    onSaved: (saved) => {
      setMode("list");
      setCursorId(saved.id);
    },
  });

  const listRows = useMemo(
    () => buildRows(live.configs, live.rows, filter, groupBy),
    [live.configs, live.rows, filter, groupBy],
  );
  const items = useMemo(() => configRows(listRows), [listRows]);
  const cursorIndex = Math.max(
    0,
    items.findIndex((r) => r.config.id === cursorId),
  );
  const cursor = items[cursorIndex] ?? null;
  const targets =
    selected.size > 0 ? items.filter((r) => selected.has(r.config.id)) : cursor ? [cursor] : [];

  /** The cursor's header and the configs under it. */
  const cursorGroup = (): { header: HeaderRow; ids: number[] } | null => {
    const at = listRows.findIndex((r) => r.kind === "config" && r.config.id === cursor?.config.id);
    const start = listRows.slice(0, at + 1).findLastIndex((r) => r.kind === "header");
    const header = listRows[start];
    if (header?.kind !== "header") return null;
    const ids = configRows(listRows.slice(start + 1, start + 1 + header.count)).map(
      (r) => r.config.id,
    );
    return { header, ids };
  };

  const detailsHeight = rows >= 20 ? 8 : 5;
  const noteLines = note ? note.text.split("\n").length : 1;
  // One line spare: output as tall as the terminal makes Ink clear the screen (flicker).
  const listHeight = Math.max(
    1,
    rows - detailsHeight - 3 - (syncSources.length ? 1 : 0) - (noteLines - 1),
  );

  useListKeys({
    mode,
    keyMap,
    setMode,
    busy: busy !== null,
    cancel,
    items,
    cursorIndex,
    cursor,
    targets,
    pageSize: Math.max(1, listHeight - 1),
    setCursorId,
    selected,
    setSelected,
    setFilter,
    setPath,
    setEditing,
    setCopyOf,
    setNote,
    quit: exit,
    toggle: actions.toggle,
    remove: (ids) => void actions.remove(ids),
    startAll: () => void actions.startAll(),
    stopAll: () => void actions.stopAll(),
    group: (start) => {
      const g = cursorGroup();
      if (g) actions.group(start, g.header, groupBy, g.ids);
    },
    toggleGroupBy: () => setGroupBy((by) => (by === "context" ? "group" : "context")),
    open: () => void actions.open(cursor),
    toggleHttpLogs: actions.toggleHttpLogs,
    syncNow: () => void actions.syncNow(),
    copy: (what) =>
      what === "pod"
        ? actions.copy("pod name", cursor?.live?.pod)
        : actions.copy("address", cursor ? localEndText(cursor.config, cursor.live) : null),
  });

  const pathDone = (submit: boolean) => {
    const file = path.trim();
    setMode("list");
    if (!submit || !file) return;
    void (mode === "import" ? actions.importFile(file) : actions.exportFile(file));
  };

  if (mode === "form" && client) {
    return (
      <Box flexDirection="column">
        <ConfigForm
          client={client}
          initial={editing}
          copyOf={copyOf}
          {...(props.cwd ? { kubeDir: props.cwd } : {})}
          configs={live.configs}
          kubeconfig={kubeconfig}
          onSave={(input) => actions.save(editing, input)}
          onCancel={() => setMode("list")}
          width={columns}
        />
        {busy ? <Spinner label={busy.label} /> : null}
      </Box>
    );
  }
  if (mode === "browse" || mode === "browseExport") {
    const exporting = mode === "browseExport";
    // Export: a folder is browsed to, then the file named on the prompt (an existing JSON file
    // chosen is offered there too, so overwriting it is one more Enter, never a surprise).
    const prompt = (file: string) => {
      setPath(file);
      setMode(exporting ? "export" : "import");
    };
    return (
      <FileBrowser
        start={props.cwd ?? process.cwd()}
        {...(exporting ? { title: "Export to a folder (Tab names the file)" } : {})}
        width={columns}
        height={rows - 1}
        onChoose={(file) => {
          if (exporting) return prompt(file);
          setMode("list");
          void actions.importFile(file);
        }}
        onTypePath={(dir) => prompt(exporting ? join(dir, "ferry-configs.json") : `${dir}/`)}
        onCancel={() => setMode("list")}
      />
    );
  }
  if (mode === "httpLog" && client && cursor)
    return (
      <HttpLogViewer
        client={client}
        id={cursor.config.id}
        alias={cursor.config.alias}
        width={columns}
        height={rows - 1}
        onClose={() => {
          httpCount.reset();
          setMode("list");
        }}
      />
    );
  if (mode === "httpLogSettings" && client && cursor)
    return (
      <HttpLogSettings
        client={client}
        config={cursor.config}
        width={columns}
        onDone={(text) => {
          setMode("list");
          if (text) setNote({ text, color: "green" });
        }}
      />
    );
  if (mode === "help") return <HelpOverlay width={columns} keyMap={keyMap} />;
  if (mode === "about" && client) return <AboutScreen client={client} width={columns} />;
  if (mode === "discover" && client)
    return (
      <DiscoverScreen
        client={client}
        kubeconfig={kubeconfig}
        width={columns}
        onClose={() => setMode("list")}
      />
    );
  if (mode === "settings" && client)
    return <SettingsScreen client={client} width={columns} onClose={() => setMode("list")} />;

  const running = [...live.rows.values()].filter((r) => r.state === "running").length;
  return (
    <Box flexDirection="column" width={columns}>
      <Header
        configs={live.configs.length}
        running={running}
        connection={daemon.connection}
        filter={filter}
        selected={selected.size}
        groupBy={groupBy}
        httpExchanges={httpCount.count}
        sync={syncSources}
      />
      <ConfigList
        rows={listRows}
        cursorId={cursor?.config.id ?? null}
        selected={selected}
        history={live.history}
        width={columns}
        height={listHeight}
        filter={filter}
        {...(daemon.connection === "connected" ? {} : { emptyText: "Connecting to the daemon…" })}
      />
      <DetailsPane
        config={cursor?.config ?? null}
        live={cursor?.live}
        history={cursor ? live.history.get(cursor.config.id) : undefined}
        events={(cursor && live.events.get(cursor.config.id)) || []}
        width={columns}
        height={detailsHeight}
      />
      <Box>
        <StatusLine
          mode={mode}
          busyLabel={busy?.label ?? null}
          connection={daemon.connection}
          connectError={daemon.connectError}
          note={note}
          filter={filter}
          onFilter={setFilter}
          path={path}
          onPath={setPath}
          onDone={(submit) => (mode === "search" ? setMode("list") : pathDone(submit))}
          deleting={targets.map((r) => r.config.alias)}
        />
      </Box>
    </Box>
  );
}
