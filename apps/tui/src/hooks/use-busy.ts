import { useCallback, useRef, useState } from "react";

export interface Busy {
  label: string;
  controller: AbortController;
}

/**
 * Runs one slow call at a time with a label for the spinner. `cancel` aborts it and drops its
 * result, so the screen never waits on the network.
 */
export function useBusy(onError: (err: unknown) => void) {
  const [busy, setBusy] = useState<Busy | null>(null);
  const current = useRef<Busy | null>(null);

  const run = useCallback(
    async <T>(
      label: string,
      fn: (signal: AbortSignal) => Promise<T>,
      rethrow = false,
    ): Promise<T | undefined> => {
      const job = { label, controller: new AbortController() };
      current.current = job;
      setBusy(job);
      try {
        const result = await fn(job.controller.signal);
        return job.controller.signal.aborted ? undefined : result;
      } catch (err) {
        if (job.controller.signal.aborted) return undefined;
        if (rethrow) throw err;
        onError(err);
        return undefined;
      } finally {
        if (current.current === job) {
          current.current = null;
          setBusy(null);
        }
      }
    },
    [onError],
  );

  const cancel = useCallback(() => {
    const job = current.current;
    if (!job) return false;
    job.controller.abort();
    current.current = null;
    setBusy(null);
    return true;
  }, []);

  return { busy, run, cancel };
}
