import { Box, Text } from "ink";
import type { ReactNode } from "react";
import { h } from "../h.ts";

/** A framed box with a bold title: the look shared by the form and the help overlay. */
export function Panel({
  title,
  width,
  children,
}: {
  title: string;
  width: number;
  children?: ReactNode;
}) {
  return h(
    Box,
    { flexDirection: "column", borderStyle: "round", borderColor: "cyan", paddingX: 1, width },
    h(Text, { bold: true }, title),
    children,
  );
}
