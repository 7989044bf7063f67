// v4.channel.k8s.io's framing rules, shared by the lean v4 stream and the `ws` fallback: each
// message starts with a channel byte, each channel's first two bytes are the port (stripped, even
// when split across messages), and a close with an abnormal code is a reset of that connection.

export const V4_DATA = 0;
export const V4_ERROR = 1;

/** `payload` without what is left of its channel's 2-byte port prefix (`prefix` is updated). */
export function stripPortPrefix(prefix: number[], channel: number, payload: Buffer): Buffer {
  if (channel !== V4_DATA && channel !== V4_ERROR) return payload;
  const left = prefix[channel] as number;
  const strip = Math.min(left, payload.length);
  prefix[channel] = left - strip;
  return payload.subarray(strip);
}

/** Null for a normal close; else the reset its connection gets (so a peer does not take a
 * cut-off reply for a complete one: the pod side vanished, dropped or deleted). */
export function abnormalClose(code: number, reason: string): Error | null {
  if (code === 1000 || code === 1001 || code === 1005) return null;
  return new Error(
    `connection to the pod was reset (WebSocket closed ${code}${reason ? ` ${reason}` : ""})`,
  );
}
