import { Text, useAnimation } from "ink";

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export interface SpinnerProps {
  label: string;
}

/** A spinner for a slow call, with what it waits for and how to give up. */
export function Spinner({ label }: SpinnerProps) {
  const { frame } = useAnimation({ interval: 120 });
  return (
    <Text color="cyan">
      {`${FRAMES[frame % FRAMES.length]} ${label}… `}
      <Text dimColor>(Esc cancels)</Text>
    </Text>
  );
}
