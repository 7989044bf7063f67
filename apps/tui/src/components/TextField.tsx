import { printable } from "@ferry/store/client";
import { Text } from "ink";
import { type TextInputOptions, useTextInput } from "../hooks/use-text-input.ts";

export interface TextFieldProps extends TextInputOptions {
  placeholder?: string;
}

/** A one-line input with a block cursor while focused. */
export function TextField(props: TextFieldProps) {
  useTextInput(props);
  const { value, focus, placeholder } = props;
  if (value === "" && placeholder && !focus) return <Text dimColor>{placeholder}</Text>;
  // A stored value being edited can hold control characters (an old import): show, never obey.
  return (
    <Text>
      {printable(value)}
      {focus ? <Text inverse> </Text> : null}
    </Text>
  );
}
