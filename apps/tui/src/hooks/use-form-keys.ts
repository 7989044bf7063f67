import type { FormField, FormValues } from "@ferry/store/client";
import { useInput } from "ink";
import { cycle } from "../model/cycle.ts";
import type { Choices } from "./use-config-form.ts";

export interface FormKeys {
  fields: readonly FormField[];
  current: FormField;
  values: FormValues;
  choices: Choices;
  active: boolean;
  setFocus: (next: (index: number) => number) => void;
  change: (field: FormField, value: string | boolean) => void;
  save: () => void;
  /** Enter and Esc on a flag (text fields handle their own). */
  next: () => void;
  cancel: () => void;
  /** Ctrl+O on the Kubeconfig field: the file browser. */
  chooseFile: () => void;
}

/**
 * Tab / arrows move between fields, ←→ pick from the choices or flip a flag, Ctrl+O browses for
 * the kubeconfig, Ctrl+S saves.
 */
export function useFormKeys(k: FormKeys): void {
  const n = k.fields.length;
  useInput(
    (input, key) => {
      if (key.tab && key.shift) return k.setFocus((f) => (f - 1 + n) % n);
      if (key.tab || key.downArrow) return k.setFocus((f) => (f + 1) % n);
      if (key.upArrow) return k.setFocus((f) => (f - 1 + n) % n);
      if (key.ctrl && input === "s") return k.save();
      if (key.ctrl && input === "o" && k.current === "kubeconfig") return k.chooseFile();
      const value = k.values[k.current];
      if (typeof value === "boolean") {
        if (key.return) return k.next();
        if (key.escape) return k.cancel();
        if (key.leftArrow || key.rightArrow || input === " ") k.change(k.current, !value);
        return;
      }
      const options = k.choices[k.current];
      if (options && (key.leftArrow || key.rightArrow))
        k.change(k.current, cycle(options, value, key.rightArrow ? 1 : -1));
    },
    { isActive: k.active },
  );
}
