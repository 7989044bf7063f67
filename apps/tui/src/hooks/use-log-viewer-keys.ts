import { useInput } from "ink";

export interface LogViewerKeys {
  detail: boolean;
  move: (step: number) => void;
  scroll: (step: number) => void;
  toggleAuto: () => void;
  open: () => void;
  closeDetail: () => void;
  replay: () => void;
  edit: () => void;
  close: () => void;
}

/** ↑↓ move (or scroll one exchange), a auto-scroll, Enter in full, r replay, o $EDITOR, Esc back. */
export function useLogViewerKeys(k: LogViewerKeys): void {
  useInput((input, key) => {
    const step = key.upArrow || input === "k" ? -1 : key.downArrow || input === "j" ? 1 : 0;
    const page = key.pageUp ? -10 : key.pageDown ? 10 : 0;
    if (step || page) return k.detail ? k.scroll(step || page) : k.move(step || page);
    if (input === "r") return k.replay();
    if (input === "o") return k.edit();
    if (key.escape || input === "q") return k.detail ? k.closeDetail() : k.close();
    if (k.detail) return;
    if (input === "a") return k.toggleAuto();
    if (key.return) return k.open();
  });
}
