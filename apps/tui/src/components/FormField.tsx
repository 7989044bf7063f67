import { printable } from "@ferry/store/client";
import { Box, Text } from "ink";
import type { PickerNote } from "../hooks/use-picker-options.ts";
import { fit } from "../layout/fit.ts";
import { Spinner } from "./Spinner.tsx";
import { TextField } from "./TextField.tsx";

export const LABEL_WIDTH = 18;

export interface FormFieldProps {
  label: string;
  /** Text, or a flag shown as a checkbox. */
  value: string | boolean;
  focus: boolean;
  editable: boolean;
  /** The cluster's choices, when the field has a picker. */
  choices: readonly string[] | undefined;
  note: PickerNote | undefined;
  /** More to know while the field is focused: the pods a selector matches, addresses in use. */
  detail?: string | undefined;
  error: string | undefined;
  /** What to know before saving (e.g. a local port another config uses). */
  warning: string | undefined;
  onChange: (value: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** One labelled field; its picker hint beside it, its message right under it. */
export function FormField(p: FormFieldProps) {
  const hint =
    typeof p.value === "boolean"
      ? "space or ←→ flips"
      : p.choices
        ? p.choices.length
          ? `←→ ${p.choices.length} choice${p.choices.length === 1 ? "" : "s"}`
          : "no choices"
        : "";
  const indent = " ".repeat(LABEL_WIDTH);
  return (
    <Box flexDirection="column">
      <Box>
        <Text color={p.focus ? "cyan" : undefined}>
          {fit(`${p.focus ? "›" : " "} ${p.label}`, LABEL_WIDTH)}
        </Text>
        {typeof p.value === "boolean" ? (
          <Text inverse={p.focus}>{p.value ? "[x] yes" : "[ ] no"}</Text>
        ) : (
          <TextField
            value={p.value}
            focus={p.focus}
            editable={p.editable}
            onChange={p.onChange}
            onSubmit={p.onSubmit}
            onCancel={p.onCancel}
          />
        )}
        {p.focus && p.note && "loading" in p.note ? (
          <Box marginLeft={2}>
            <Spinner label="loading choices" />
          </Box>
        ) : p.focus && hint ? (
          <Text dimColor>{`  ${hint}`}</Text>
        ) : null}
      </Box>
      {p.focus && p.note && "error" in p.note && !p.error ? (
        <Text color="yellow" wrap="wrap">
          {`${indent}↳ no choices from the cluster: ${printable(p.note.error)}`}
        </Text>
      ) : null}
      {p.focus && p.detail ? (
        <Text dimColor wrap="wrap">
          {`${indent}${printable(p.detail)}`}
        </Text>
      ) : null}
      {/* The message sits right under its field, so long ones are never cut. */}
      {p.error ? (
        <Text color="red" wrap="truncate-end">
          {`${indent}↳ ${printable(p.error)}`}
        </Text>
      ) : p.warning ? (
        <Text color="yellow" wrap="truncate-end">
          {`${indent}⚠ ${printable(p.warning)}`}
        </Text>
      ) : null}
    </Box>
  );
}
