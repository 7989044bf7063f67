import { printable } from "@ferry/store/client";
import { useEffect, useRef } from "react";

export interface ConfirmDeleteProps {
  /** The aliases that go. */
  aliases: readonly string[];
  onAnswer: (confirmed: boolean) => void;
}

/** "Delete web, api?": names everything that goes; Escape or Cancel keeps it. */
export function ConfirmDelete({ aliases, onAnswer }: ConfirmDeleteProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const what = aliases.length === 1 ? "this config" : `these ${aliases.length} configs`;
  return (
    <dialog
      ref={ref}
      aria-labelledby="confirm-title"
      onCancel={() => onAnswer(false)}
      className="dialog"
    >
      <h2 id="confirm-title">Delete {what}?</h2>
      <ul className="delete-list">
        {[...aliases].sort().map((a) => (
          <li key={a}>
            <code>{printable(a)}</code>
          </li>
        ))}
      </ul>
      <p className="muted">Running forwards among them are stopped first.</p>
      <div className="dialog-actions">
        <button type="button" onClick={() => onAnswer(false)}>
          Cancel
        </button>
        <button type="button" className="primary danger" onClick={() => onAnswer(true)}>
          Delete
        </button>
      </div>
    </dialog>
  );
}
