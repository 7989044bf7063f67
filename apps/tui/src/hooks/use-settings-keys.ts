import { useInput } from "ink";

export interface SettingsKeys {
  count: number;
  editing: boolean;
  setCursor: (next: (at: number) => number) => void;
  edit: () => void;
  close: () => void;
}

/** ↑↓ move, Enter edits the setting under the cursor, Esc (or q) goes back. */
export function useSettingsKeys(k: SettingsKeys): void {
  useInput(
    (input, key) => {
      if (key.upArrow || input === "k") return k.setCursor((c) => Math.max(0, c - 1));
      if (key.downArrow || input === "j") return k.setCursor((c) => Math.min(k.count - 1, c + 1));
      if (key.return) return k.edit();
      if (key.escape || input === "q") return k.close();
    },
    { isActive: !k.editing },
  );
}
