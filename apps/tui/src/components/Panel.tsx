import { Box, Text } from "ink";
import type { ReactNode } from "react";

export interface PanelProps {
  title: string;
  width: number;
  children?: ReactNode;
}

/** A framed box with a bold title: the look shared by the form and the help overlay. */
export function Panel({ title, width, children }: PanelProps) {
  return (
    <Box flexDirection="column" borderStyle="round" borderColor="cyan" paddingX={1} width={width}>
      <Text bold>{title}</Text>
      {children}
    </Box>
  );
}
