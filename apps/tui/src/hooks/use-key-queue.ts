import { type Key, useInput } from "ink";
import { useEffect, useRef, useState } from "react";

const NO_KEY = {} as Key;

/**
 * Keys typed fast (or over a slow SSH link) can arrive in one read: "jf" is j, then f. While
 * `split` is true a chunk of plain characters is handled one key per render, so each key sees
 * the state the previous one left.
 */
export function useKeyQueue(handle: (input: string, key: Key) => void, split: boolean): void {
  const queued = useRef<string[]>([]);
  const [tick, setTick] = useState(0);
  useInput((input, key) => {
    if (!split || input.length <= 1 || key.ctrl || key.meta) return handle(input, key);
    queued.current.push(...input);
    setTick((t) => t + 1);
  });
  useEffect(() => {
    const next = queued.current.shift();
    if (next === undefined) return;
    handle(next, NO_KEY);
    if (queued.current.length > 0) setTick((t) => t + 1);
  }, [tick]);
}
