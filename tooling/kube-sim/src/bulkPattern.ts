// The bytes the `bulk` backend sends for `PATTERN <n>`: byte i is TABLE[i % PERIOD]. The period is
// a prime just above 64 KiB, so a lost, repeated or reordered chunk changes the digest (two
// chunk offsets would have to differ by a multiple of the period to look alike).
import { createHash } from "node:crypto";

const PERIOD = 65_537;
/** The table twice, so any slice of up to PERIOD bytes is one subarray (no copy). */
const DOUBLE = (() => {
  const b = Buffer.allocUnsafe(2 * PERIOD);
  let x = 0x9e3779b9;
  for (let i = 0; i < PERIOD; i++) {
    // xorshift32: fixed, cheap, and not periodic at any power of two.
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    b[i] = x & 0xff;
  }
  b.copy(b, PERIOD, 0, PERIOD);
  return b;
})();

/** The pattern's bytes [offset, offset + n), n at most 64 KiB. */
export function patternSlice(offset: number, n: number): Buffer {
  const start = offset % PERIOD;
  return DOUBLE.subarray(start, start + Math.min(n, PERIOD));
}

/** sha256 (hex) of the first n pattern bytes, what a reader of `PATTERN <n>` should get. */
export function patternDigest(n: number): string {
  const h = createHash("sha256");
  for (let off = 0; off < n; off += 64 * 1024)
    h.update(patternSlice(off, Math.min(64 * 1024, n - off)));
  return h.digest("hex");
}
