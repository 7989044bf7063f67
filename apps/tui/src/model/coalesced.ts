/**
 * `run` behind a gate: a call while it runs (or during `gapMs` after it) does not start a second
 * one but asks for one more run after it, so a burst of calls ends in at most two runs, the last
 * started after the last call, and runs are at least `gapMs` apart. Failures are dropped: the
 * next call tries again.
 */
export function coalesced(run: () => Promise<void>, gapMs = 0): () => void {
  let running = false;
  let again = false;
  const go = async () => {
    running = true;
    do {
      again = false;
      await run().catch(() => {});
      if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void go();
  };
}
