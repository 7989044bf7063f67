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
  return (
    <Text>
      {value}
      {focus ? <Text inverse> </Text> : null}
    </Text>
  );
}
