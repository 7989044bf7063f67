import { useInput } from "ink";
import { cycle, type FieldName, type FormValues } from "../model/formModel.ts";
import type { Choices } from "./use-config-form.ts";

export interface FormKeys {
  fields: readonly FieldName[];
  current: FieldName;
  values: FormValues;
  choices: Choices;
  active: boolean;
  setFocus: (next: (index: number) => number) => void;
  change: (field: FieldName, value: string) => void;
  save: () => void;
}

/** Tab / arrows move between fields, ←→ pick from the choices, Ctrl+S saves. */
export function useFormKeys(k: FormKeys): void {
  const n = k.fields.length;
  useInput(
    (input, key) => {
      if (key.tab && key.shift) return k.setFocus((f) => (f - 1 + n) % n);
      if (key.tab || key.downArrow) return k.setFocus((f) => (f + 1) % n);
      if (key.upArrow) return k.setFocus((f) => (f - 1 + n) % n);
      if (key.ctrl && input === "s") return k.save();
      const options = k.choices[k.current];
      if (options && (key.leftArrow || key.rightArrow))
        k.change(k.current, cycle(options, k.values[k.current], key.rightArrow ? 1 : -1));
    },
    { isActive: k.active },
  );
}
