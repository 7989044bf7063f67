import type { Config } from "@ferry/store/client";

export interface SelectionBarProps {
  selected: readonly number[];
  shown: readonly Config[];
  onRun: (start: boolean) => void;
  onSelect: (ids: number[]) => void;
}

/** Start / stop the selected rows, select every shown row, clear the selection. */
export function SelectionBar({ selected, shown, onRun, onSelect }: SelectionBarProps) {
  return (
    <div className="toolbar" role="toolbar" aria-label="Selection">
      <span className="muted">{selected.length} selected</span>
      <button type="button" disabled={selected.length === 0} onClick={() => onRun(true)}>
        Start selected
      </button>
      <button type="button" disabled={selected.length === 0} onClick={() => onRun(false)}>
        Stop selected
      </button>
      <button
        type="button"
        disabled={shown.length === 0}
        onClick={() => onSelect(shown.map((c) => c.id))}
      >
        Select all shown
      </button>
      <button type="button" disabled={selected.length === 0} onClick={() => onSelect([])}>
        Clear selection
      </button>
    </div>
  );
}
