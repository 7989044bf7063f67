import { type FormField, ferryErrorOf } from "@ferry/store/client";
import { useEffect } from "react";

/** Where a picker's choices stand: being fetched, or why they could not be. */
export type PickerNote = { loading: true } | { error: string };
export type SetChoices = (f: FormField, o: string[] | undefined, note?: PickerNote) => void;

/**
 * Loads `load()` into a field's choices a moment after its inputs settle (typing is not a
 * storm). The call is abandoned (signal aborted) when the inputs change or the form closes.
 */
export function usePickerOptions(
  field: FormField,
  deps: unknown[],
  load: ((signal: AbortSignal) => Promise<string[]>) | null,
  set: SetChoices,
): void {
  useEffect(() => {
    if (!load) return set(field, undefined);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      set(field, undefined, { loading: true });
      load(controller.signal).then(
        (list) => controller.signal.aborted || set(field, list),
        (err) => controller.signal.aborted || set(field, [], { error: ferryErrorOf(err).message }),
      );
    }, 150);
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, deps);
}
