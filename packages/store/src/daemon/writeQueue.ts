/**
 * Runs the daemon's database writes one after another. An import in a worker thread holds the
 * write lock for its whole transaction; a write from the daemon's thread meanwhile would wait
 * for it inside SQLite (a busy wait that blocks the event loop), so it waits here instead.
 */
export interface WriteQueue {
  run<T>(write: () => T | Promise<T>): Promise<T>;
}

export function createWriteQueue(): WriteQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(write) {
      const result = tail.then(write);
      tail = result.catch(() => {});
      return result;
    },
  };
}
