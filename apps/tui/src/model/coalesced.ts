/**
 * `run` behind a gate: a call while it runs does not start a second one but asks for one more
 * run after it, so a burst of calls ends in at most two runs, the last started after the last
 * call. Failures are dropped: the next call tries again.
 */
export function coalesced(run: () => Promise<void>): () => void {
  let running = false;
  let again = false;
  const go = async () => {
    running = true;
    do {
      again = false;
      await run().catch(() => {});
    } while (again);
    running = false;
  };
  return () => {
    if (running) again = true;
    else void go();
  };
}
