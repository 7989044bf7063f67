import { Box, Text } from "ink";
import { type KeyMap, keyHelp } from "../model/keymap.ts";
import { Panel } from "./Panel.tsx";

export interface HelpOverlayProps {
  width: number;
  /** The active key map: help shows the keys that work. */
  keyMap: KeyMap;
}

/** Every key of the main screen and the form; any key closes it. */
export function HelpOverlay({ width, keyMap }: HelpOverlayProps) {
  return (
    <Panel
      title={keyMap === "kftui" ? "Ferry keys (kftui map)" : "Ferry keys"}
      width={Math.min(width, 72)}
    >
      {keyHelp(keyMap).map((k) => (
        <Box key={k.keys}>
          <Box width={24}>
            <Text color="cyan">{k.keys}</Text>
          </Box>
          <Text>{k.text}</Text>
        </Box>
      ))}
      <Text dimColor>Form: Tab/↑↓ field · ←→ pick · Ctrl+S save · Esc close</Text>
      <Text dimColor>Press any key to close this help.</Text>
    </Panel>
  );
}
