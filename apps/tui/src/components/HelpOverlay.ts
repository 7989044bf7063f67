import { Box, Text } from "ink";
import { h } from "../h.ts";
import { KEY_HELP } from "../model/keymap.ts";
import { Panel } from "./Panel.ts";

/** Every key of the main screen and the form; any key closes it. */
export function HelpOverlay({ width }: { width: number }) {
  return h(
    Panel,
    { title: "Ferry keys", width: Math.min(width, 72) },
    ...KEY_HELP.map((k) =>
      h(
        Box,
        { key: k.keys },
        h(Box, { width: 16 }, h(Text, { color: "cyan" }, k.keys)),
        h(Text, null, k.text),
      ),
    ),
    h(Text, { dimColor: true }, "Form: Tab/↑↓ field · ←→ pick · Ctrl+S save · Esc close"),
    h(Text, { dimColor: true }, "Press any key to close this help."),
  );
}
