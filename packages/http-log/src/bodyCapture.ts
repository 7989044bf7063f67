/**
 * A body kept up to a cap and counted past it. Copies what it keeps (the splice may reuse its
 * buffers); once the cap is reached it only adds to the count.
 */
export class BodyCapture {
  private readonly parts: Buffer[] = [];
  private kept = 0;
  total = 0;
  private readonly cap: number;

  constructor(cap: number) {
    this.cap = cap;
  }

  add(chunk: Buffer): void {
    this.total += chunk.length;
    const room = this.cap - this.kept;
    if (room <= 0) return;
    const take = chunk.length <= room ? chunk : chunk.subarray(0, room);
    this.parts.push(Buffer.from(take));
    this.kept += take.length;
  }

  get truncated(): boolean {
    return this.total > this.kept;
  }

  bytes(): Buffer {
    return this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.kept);
  }
}
