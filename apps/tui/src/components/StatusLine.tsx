import { printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import type { Connection } from "../hooks/use-daemon.ts";
import type { Note } from "../hooks/use-list-actions.ts";
import type { Mode } from "../hooks/use-list-keys.ts";
import { Spinner } from "./Spinner.tsx";
import { TextField } from "./TextField.tsx";

export interface StatusLineProps {
  mode: Mode;
  busyLabel: string | null;
  connection: Connection;
  connectError: string | null;
  note: Note | null;
  filter: string;
  onFilter: (filter: string) => void;
  path: string;
  onPath: (path: string) => void;
  /** Leaves search or path entry: `submit` false for Esc. */
  onDone: (submit: boolean) => void;
  /** The aliases a confirmed delete removes. */
  deleting: readonly string[];
}

const HINTS =
  "f start/stop · space select · a all · n add · d delete · i/e import/export · / search · ? help · q quit";

/** The bottom line: a spinner, the search or path being typed, a question, a note, or hints. */
export function StatusLine(p: StatusLineProps) {
  if (p.busyLabel) return <Spinner label={p.busyLabel} />;
  if (p.connection === "down")
    return (
      <Box>
        <Spinner label="reconnecting to the daemon" />
        <Text color="red" wrap="truncate-end">{` ${printable(p.connectError ?? "")}`}</Text>
      </Box>
    );
  if (p.mode === "search")
    return (
      <Box>
        <Text color="magenta">/</Text>
        <TextField
          value={p.filter}
          focus
          onChange={p.onFilter}
          onSubmit={() => p.onDone(true)}
          onCancel={() => {
            p.onFilter("");
            p.onDone(false);
          }}
        />
      </Box>
    );
  if (p.mode === "import" || p.mode === "export")
    return (
      <Box>
        <Text color="cyan">{`${p.mode === "import" ? "Import from" : "Export to"} file: `}</Text>
        <TextField
          value={p.path}
          focus
          onChange={p.onPath}
          onSubmit={() => p.onDone(true)}
          onCancel={() => p.onDone(false)}
        />
      </Box>
    );
  if (p.mode === "confirm")
    return (
      <Text color="yellow">
        {`Delete ${p.deleting.map(printable).join(", ")}? y to confirm, any other key to keep.`}
      </Text>
    );
  if (p.note)
    return (
      <Box flexDirection="column">
        {p.note.text.split("\n").map((line, i) => (
          <Text key={`${i}:${line}`} color={p.note?.color} wrap="truncate-end">
            {printable(line)}
          </Text>
        ))}
      </Box>
    );
  return (
    <Text dimColor wrap="truncate-end">
      {HINTS}
    </Text>
  );
}
