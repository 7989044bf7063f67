import { EventEmitter, on } from "node:events";

/** A subscription's values as an async generator for tRPC, ended by the client's `signal`. */
export async function* eventStream<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  signal: AbortSignal | undefined,
): AsyncGenerator<T> {
  const bus = new EventEmitter();
  const unsubscribe = subscribe((value) => bus.emit("value", value));
  try {
    for await (const [value] of on(bus, "value", { signal })) yield value as T;
  } finally {
    unsubscribe();
  }
}
