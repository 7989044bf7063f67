import { useInput } from "ink";

export interface TextInputOptions {
  value: string;
  focus: boolean;
  onChange: (value: string) => void;
  onSubmit?: (value: string) => void;
  onCancel?: () => void;
  /** False for fixed-choice fields: keys pick, typing does nothing. */
  editable?: boolean;
}

/** One-line editing keys: printable keys append, Backspace deletes, Enter submits, Esc cancels. */
export function useTextInput({
  value,
  focus,
  onChange,
  onSubmit,
  onCancel,
  editable = true,
}: TextInputOptions): void {
  useInput(
    (input, key) => {
      if (key.return) return onSubmit?.(value);
      if (key.escape) return onCancel?.();
      if (!editable) return;
      if (key.backspace || key.delete) return onChange(value.slice(0, -1));
      if (key.ctrl && input === "u") return onChange("");
      if (key.ctrl || key.meta || key.tab || key.upArrow || key.downArrow) return;
      if (key.leftArrow || key.rightArrow || key.pageUp || key.pageDown) return;
      // Control characters that arrive inside a chunk of typed text are not text.
      const text = input.replace(/[\u0000-\u001f\u007f]/g, "");
      if (text) onChange(value + text);
    },
    { isActive: focus },
  );
}
