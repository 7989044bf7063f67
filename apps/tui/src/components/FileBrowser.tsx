import { printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import { useFileBrowser } from "../hooks/use-file-browser.ts";
import { useFileBrowserKeys } from "../hooks/use-file-browser-keys.ts";
import { fit } from "../layout/fit.ts";
import { Panel } from "./Panel.tsx";

export interface FileBrowserProps {
  start: string;
  title?: string;
  /** Which files to offer (JSON by default). */
  wanted?: (fileName: string) => boolean;
  width: number;
  height: number;
  onChoose: (path: string) => void;
  /** Tab: the typed-path prompt instead, starting in the folder shown. */
  onTypePath?: (dir: string) => void;
  onCancel: () => void;
}

/** Picks a file: a JSON file to import (kftui's file browser habit), or a kubeconfig. */
export function FileBrowser(props: FileBrowserProps) {
  const { start, width, height, onChoose, onTypePath, onCancel } = props;
  const b = useFileBrowser(start, props.wanted);
  useFileBrowserKeys({
    active: true,
    move: b.move,
    enter: () => {
      const file = b.open(b.current);
      if (file) onChoose(file);
    },
    up: () => b.open(b.entries.find((e) => e.name === "..")),
    typePath: () => onTypePath?.(b.dir),
    cancel: onCancel,
  });
  const room = Math.max(3, height - 6);
  const top = Math.max(0, Math.min(b.cursor - Math.floor(room / 2), b.entries.length - room));
  const inner = Math.min(width, 100) - 4;
  return (
    <Panel title={props.title ?? "Import a file"} width={Math.min(width, 100)}>
      <Text color="cyan" wrap="truncate-start">
        {printable(b.dir)}
      </Text>
      <Box flexDirection="column" height={room}>
        {b.entries.slice(top, top + room).map((e, i) => {
          const at = top + i === b.cursor;
          return (
            <Text key={e.path} inverse={at} color={e.dir ? "blue" : undefined}>
              {fit(`${at ? "›" : " "} ${printable(e.name)}${e.dir ? "/" : ""}`, inner)}
            </Text>
          );
        })}
      </Box>
      {b.error ? <Text color="red">{printable(b.error)}</Text> : null}
      <Text dimColor>
        {`↑↓ move · Enter open / choose · ← up${onTypePath ? " · Tab type a path" : ""} · Esc cancel`}
      </Text>
    </Panel>
  );
}
