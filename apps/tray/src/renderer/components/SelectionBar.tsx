import type { Config } from "@ferry/store/client";

export interface SelectionBarProps {
  selected: readonly number[];
  shown: readonly Config[];
  onRun: (start: boolean) => void;
  onAll: (start: boolean) => void;
  onDelete: () => void;
  onSelect: (ids: number[]) => void;
}

/** Start / stop the selected rows or all, delete the selected, select all shown, clear. */
export function SelectionBar(p: SelectionBarProps) {
  const { selected, shown, onRun, onSelect } = p;
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
      <button type="button" disabled={selected.length === 0} onClick={p.onDelete}>
        Delete selected
      </button>
      <button type="button" onClick={() => p.onAll(true)}>
        Start all
      </button>
      <button type="button" onClick={() => p.onAll(false)}>
        Stop all
      </button>
    </div>
  );
}
