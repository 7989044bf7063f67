// A socket read's memory given back as soon as nothing holds a view of it. Each TLS read is a new
// ArrayBuffer outside V8's heap; left to the GC, they pile up to V8's external-memory limit
// (~64 MB) and then start a full mark-compact: 26 per GiB forwarded, and glibc kept the ~65 MiB
// they had taken after the traffic (bench/RESULTS.md, issue 16, session 5). Released at once,
// the throughput row's full GCs fell to 1 and the engine's CPU per GiB by half.

/**
 * Detaches `chunk`'s ArrayBuffer (its memory is freed now, not at the next GC) when the chunk is
 * all of it, as every stream read Node emits is. A slice of a shared buffer (Buffer's pool, a
 * test's big buffer) is left alone. The caller guarantees no view of it is still held.
 */
export function releaseChunk(chunk: Buffer): boolean {
  const ab = chunk.buffer as ArrayBuffer & { transfer?: (length: number) => ArrayBuffer };
  if (chunk.byteOffset !== 0 || ab.byteLength !== chunk.length || chunk.length === 0) return false;
  if (!(ab instanceof ArrayBuffer) || typeof ab.transfer !== "function") return false;
  ab.transfer(0);
  return true;
}
