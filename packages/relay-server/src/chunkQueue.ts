// The bytes of a TCP stream held until a whole frame is there. Chunks are kept in a list and
// joined only when a frame spans several of them, so a large frame arriving byte by byte costs
// linear, not quadratic, copying.

export class ChunkQueue {
  #chunks: Buffer[] = [];
  #buffered = 0;

  get length(): number {
    return this.#buffered;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    this.#buffered += chunk.length;
  }

  clear(): void {
    this.#chunks = [];
    this.#buffered = 0;
  }

  /** Removes and returns the first `n` bytes; the caller checks `length >= n` first. */
  take(n: number): Buffer {
    this.#buffered -= n;
    const first = this.#chunks[0];
    if (n === 0) return Buffer.alloc(0);
    if (first && first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const joined = Buffer.allocUnsafe(n);
    let at = 0;
    while (at < n) {
      const head = this.#chunks[0]!;
      const part = Math.min(head.length, n - at);
      head.copy(joined, at, 0, part);
      at += part;
      if (part === head.length) this.#chunks.shift();
      else this.#chunks[0] = head.subarray(part);
    }
    return joined;
  }
}
