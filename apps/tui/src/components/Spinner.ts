import { Text, useAnimation } from "ink";
import { h } from "../h.ts";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A spinner for a slow call, with what it waits for and how to give up. */
export function Spinner({ label }: { label: string }) {
  const { frame } = useAnimation({ interval: 120 });
  return h(
    Text,
    { color: "cyan" },
    `${FRAMES[frame % FRAMES.length]} ${label}… `,
    h(Text, { dimColor: true }, "(Esc cancels)"),
  );
}
