import { useInput } from "ink";

export interface FileBrowserKeys {
  active: boolean;
  move: (step: number) => void;
  /** Enter: into a folder, or choose the file. */
  enter: () => void;
  up: () => void;
  /** Tab: type a path instead. */
  typePath: () => void;
  cancel: () => void;
}

/** ↑↓ (j k) move, PgUp/PgDn by ten, Enter opens, ← or Backspace goes up, Tab types a path. */
export function useFileBrowserKeys(k: FileBrowserKeys): void {
  useInput(
    (input, key) => {
      if (key.upArrow || input === "k") return k.move(-1);
      if (key.downArrow || input === "j") return k.move(1);
      if (key.pageUp) return k.move(-10);
      if (key.pageDown) return k.move(10);
      if (key.return || key.rightArrow) return k.enter();
      if (key.leftArrow || key.backspace || key.delete) return k.up();
      if (key.tab) return k.typePath();
      if (key.escape) return k.cancel();
    },
    { isActive: k.active },
  );
}
