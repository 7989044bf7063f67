import { Box, type Key, Text, useApp, useInput, useWindowSize } from "ink";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { isConnectionError, toApiError } from "../api/apiError.ts";
import type { Config, ConfigInput, DaemonApi, ImportResult } from "../api/daemonApi.ts";
import { h } from "../h.ts";
import { actionFor, moveCursor } from "../model/keymap.ts";
import { buildRows, configRows } from "../model/listRows.ts";
import { isActive } from "../model/stateStyle.ts";
import { useDaemon } from "../state/useDaemon.ts";
import { ConfigForm } from "./ConfigForm.ts";
import { ConfigList } from "./ConfigList.ts";
import { DetailsPane } from "./DetailsPane.ts";
import { HelpOverlay } from "./HelpOverlay.ts";
import { Spinner } from "./Spinner.ts";
import { TextField } from "./TextField.ts";
import { useBusy } from "./useBusy.ts";

export interface AppProps {
  connect: () => Promise<DaemonApi>;
  pollMs?: number;
  /** Fixed size (tests); the terminal's size otherwise, following resizes. */
  size?: { columns: number; rows: number };
}

const NO_KEY = {} as Key;

type Mode = "list" | "search" | "help" | "confirm" | "import" | "export" | "form";
interface Note {
  text: string;
  color: string;
}

export function App({ connect, pollMs, size }: AppProps) {
  const { exit } = useApp();
  const term = useWindowSize();
  const columns = size?.columns ?? term.columns;
  const rows = size?.rows ?? term.rows;
  const daemon = useDaemon({ connect, ...(pollMs ? { pollMs } : {}) });
  const { api, live } = daemon;
  const [mode, setMode] = useState<Mode>("list");
  const [filter, setFilter] = useState("");
  const [path, setPath] = useState("");
  const [cursorId, setCursorId] = useState<number | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [note, setNote] = useState<Note | null>(null);
  const [editing, setEditing] = useState<Config | null>(null);

  const onError = useCallback(
    (err: unknown) => {
      if (isConnectionError(err)) daemon.lost(err);
      setNote({ text: toApiError(err).message, color: "red" });
    },
    [daemon.lost],
  );
  const { busy, run, cancel } = useBusy(onError);
  useEffect(() => {
    if (daemon.recovered) setNote({ text: daemon.recovered.text, color: "yellow" });
  }, [daemon.recovered]);

  const listRows = useMemo(
    () => buildRows(live.configs, live.statuses, filter),
    [live.configs, live.statuses, filter],
  );
  const items = useMemo(() => configRows(listRows), [listRows]);
  const cursorIndex = Math.max(
    0,
    items.findIndex((r) => r.config.id === cursorId),
  );
  const cursor = items[cursorIndex] ?? null;
  const targets =
    selected.size > 0 ? items.filter((r) => selected.has(r.config.id)) : cursor ? [cursor] : [];

  const detailsHeight = rows >= 20 ? 8 : 5;
  // One line spare: output as tall as the terminal makes Ink clear the screen (flicker).
  const listHeight = Math.max(1, rows - detailsHeight - 3);

  const act = async (
    label: string,
    fn: (a: DaemonApi, signal: AbortSignal) => Promise<unknown>,
    done?: string | ((result: never) => string),
  ) => {
    if (!api) return setNote({ text: "The daemon is not connected yet.", color: "yellow" });
    const result = await run(label, (signal) => fn(api, signal).then((r) => r ?? true));
    if (result === undefined) return;
    // The list first, then the message: a screen that says "imported" shows what was imported.
    await daemon.reloadConfigs().catch(onError);
    if (done)
      setNote({ text: typeof done === "string" ? done : done(result as never), color: "green" });
  };

  const toggle = () => {
    const start = targets.filter((r) => !isActive(r.status?.state)).map((r) => r.config.id);
    const stop = targets.filter((r) => isActive(r.status?.state)).map((r) => r.config.id);
    if (start.length + stop.length === 0) return;
    void act(start.length ? "starting" : "stopping", async (a, signal) => {
      if (stop.length) await a.stop(stop, { signal });
      if (start.length) await a.start(start, { signal });
    });
  };

  const save = async (input: ConfigInput) => {
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
    setMode("list");
    setCursorId(saved.id);
    await daemon.reloadConfigs().catch(onError);
    setNote({ text: `Saved ${saved.alias}.`, color: "green" });
  };

  const submitPath = (kind: "import" | "export") => {
    const file = path.trim();
    setMode("list");
    if (!file) return;
    if (kind === "import") {
      void act(
        "importing",
        (a, signal) => a.importFile(file, { signal }),
        (r: ImportResult) => {
          const warn = r.warnings.length
            ? ` (${r.warnings.length} warning${r.warnings.length > 1 ? "s" : ""}: ${r.warnings[0]})`
            : "";
          return `Imported ${file}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged${warn}`;
        },
      );
    } else {
      void act("exporting", (a, signal) => a.exportFile(file, { signal }), `Exported to ${file}.`);
    }
  };

  const handleKey = (input: string, key: Key) => {
    if (busy) {
      if (key.escape && cancel()) setNote({ text: "Cancelled.", color: "yellow" });
      return;
    }
    if (mode === "help") return setMode("list");
    if (mode === "confirm") {
      setMode("list");
      if (input !== "y" && input !== "Y")
        return setNote({ text: "Nothing deleted.", color: "yellow" });
      const ids = targets.map((r) => r.config.id);
      setSelected(new Set());
      return void act(
        "deleting",
        (a, signal) => a.deleteConfigs(ids, { signal }),
        `Deleted ${ids.length} config${ids.length > 1 ? "s" : ""}.`,
      );
    }
    if (mode !== "list") return;
    const action = actionFor(input, key);
    if (key.escape) {
      setFilter("");
      setSelected(new Set());
      return;
    }
    if (!action) return;
    setNote(null);
    switch (action) {
      case "quit":
        return exit();
      case "help":
        return setMode("help");
      case "search":
        return setMode("search");
      case "import":
      case "export":
        setPath("");
        return setMode(action);
      case "add":
        setEditing(null);
        return setMode("form");
      case "edit":
        if (!cursor) return;
        setEditing(cursor.config);
        return setMode("form");
      case "select":
        if (!cursor) return;
        return setSelected((s) => {
          const next = new Set(s);
          if (next.has(cursor.config.id)) next.delete(cursor.config.id);
          else next.add(cursor.config.id);
          return next;
        });
      case "selectAll":
        return setSelected((s) =>
          s.size === items.length ? new Set() : new Set(items.map((r) => r.config.id)),
        );
      case "toggle":
        return toggle();
      case "startAll":
        return void act("starting all", (a, signal) => a.startAll({ signal }));
      case "stopAll":
        return void act("stopping all", (a, signal) => a.stopAll({ signal }));
      case "delete":
        if (targets.length > 0) setMode("confirm");
        return;
      default: {
        const next =
          items[moveCursor(cursorIndex, action, items.length, Math.max(1, listHeight - 1))];
        if (next) setCursorId(next.config.id);
      }
    }
  };

  // Keys typed fast (or over a slow SSH link) can arrive in one read: "jf" is j, then f. The
  // list handles them one per render, so each sees the state the previous one left.
  const queued = useRef<string[]>([]);
  const [queueTick, setQueueTick] = useState(0);
  useInput((input, key) => {
    const plain = mode === "list" && !busy && input.length > 1 && !key.ctrl && !key.meta;
    if (!plain) return handleKey(input, key);
    queued.current.push(...input);
    setQueueTick((t) => t + 1);
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per queued key
  useEffect(() => {
    const next = queued.current.shift();
    if (next === undefined) return;
    handleKey(next, NO_KEY);
    if (queued.current.length > 0) setQueueTick((t) => t + 1);
  }, [queueTick]);

  const header = h(
    Box,
    { key: "header" },
    h(Text, { bold: true, color: "cyan" }, "Ferry "),
    h(
      Text,
      { dimColor: true },
      `${live.configs.length} configs · ${[...live.statuses.values()].filter((s) => s.state === "running").length} running`,
    ),
    daemon.connection === "connected"
      ? null
      : h(
          Text,
          { color: daemon.connection === "down" ? "red" : "yellow" },
          ` · daemon ${daemon.connection === "down" ? "unreachable" : "connecting"}`,
        ),
    filter ? h(Text, { color: "magenta" }, ` · filter: ${filter}`) : null,
    selected.size ? h(Text, { color: "cyan" }, ` · ${selected.size} selected`) : null,
  );

  const footer = () => {
    if (busy) return h(Spinner, { label: busy.label });
    if (daemon.connection === "down")
      return h(
        Box,
        null,
        h(Spinner, { label: "reconnecting to the daemon" }),
        h(Text, { color: "red", wrap: "truncate-end" }, ` ${daemon.connectError ?? ""}`),
      );
    if (mode === "search")
      return h(
        Box,
        null,
        h(Text, { color: "magenta" }, "/"),
        h(TextField, {
          value: filter,
          focus: true,
          onChange: setFilter,
          onSubmit: () => setMode("list"),
          onCancel: () => {
            setFilter("");
            setMode("list");
          },
        }),
      );
    if (mode === "import" || mode === "export")
      return h(
        Box,
        null,
        h(Text, { color: "cyan" }, `${mode === "import" ? "Import from" : "Export to"} file: `),
        h(TextField, {
          value: path,
          focus: true,
          onChange: setPath,
          onSubmit: () => submitPath(mode),
          onCancel: () => setMode("list"),
        }),
      );
    if (mode === "confirm")
      return h(
        Text,
        { color: "yellow" },
        `Delete ${targets.map((r) => r.config.alias).join(", ")}? y to confirm, any other key to keep.`,
      );
    if (note) return h(Text, { color: note.color, wrap: "truncate-end" }, note.text);
    return h(
      Text,
      { dimColor: true, wrap: "truncate-end" },
      "f start/stop · space select · a all · n add · d delete · i/e import/export · / search · ? help · q quit",
    );
  };

  if (mode === "form" && api) {
    return h(
      Box,
      { flexDirection: "column" },
      h(ConfigForm, {
        kube: api,
        initial: editing,
        onSave: save,
        onCancel: () => setMode("list"),
        width: columns,
      }),
      busy ? h(Spinner, { label: busy.label }) : null,
    );
  }
  if (mode === "help") return h(HelpOverlay, { width: columns });

  return h(
    Box,
    { flexDirection: "column", width: columns },
    header,
    h(ConfigList, {
      rows: listRows,
      cursorId: cursor?.config.id ?? null,
      selected,
      history: live.history,
      width: columns,
      height: listHeight,
      filter,
      ...(daemon.connection === "connected" ? {} : { emptyText: "Connecting to the daemon…" }),
    }),
    h(DetailsPane, {
      config: cursor?.config ?? null,
      status: cursor?.status,
      history: cursor ? live.history.get(cursor.config.id) : undefined,
      events: (cursor && live.events.get(cursor.config.id)) || [],
      width: columns,
      height: detailsHeight,
    }),
    h(Box, { key: "footer" }, footer()),
  );
}
