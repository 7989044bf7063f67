import type { ReactNode } from "react";

interface Props {
  id: string;
  label: string;
  error?: string | undefined;
  /** What to know before saving; saving is still allowed. */
  warning?: string | undefined;
  hint?: string;
  children: (aria: {
    id: string;
    "aria-invalid": boolean;
    "aria-describedby"?: string;
  }) => ReactNode;
}

/** A labelled form field whose error (from the daemon's validation) is tied to the input. */
export function Field({ id, label, error, warning, hint, children }: Props) {
  const describedBy = error
    ? `${id}-error`
    : warning
      ? `${id}-warning`
      : hint
        ? `${id}-hint`
        : undefined;
  return (
    <div className={`field ${error ? "invalid" : ""}`}>
      <label htmlFor={id}>{label}</label>
      {children({
        id,
        "aria-invalid": Boolean(error),
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
      })}
      {error ? (
        <span id={`${id}-error`} className="field-error" data-field-error={id}>
          {error}
        </span>
      ) : warning ? (
        <span id={`${id}-warning`} className="field-warning" data-field-warning={id}>
          {warning}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className="muted">
          {hint}
        </span>
      ) : null}
    </div>
  );
}
