import { Box, Text } from "ink";
import { KEY_HELP } from "../model/keymap.ts";
import { Panel } from "./Panel.tsx";

export interface HelpOverlayProps {
  width: number;
}

/** Every key of the main screen and the form; any key closes it. */
export function HelpOverlay({ width }: HelpOverlayProps) {
  return (
    <Panel title="Ferry keys" width={Math.min(width, 72)}>
      {KEY_HELP.map((k) => (
        <Box key={k.keys}>
          <Box width={16}>
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
