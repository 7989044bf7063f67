// What both framings share: the size limit, the error type and the coalescing write.
import type { Writable } from "node:stream";

/** The largest UDP payload over IPv4 (65535 - 20 IP header - 8 UDP header). */
export const MAX_DATAGRAM = 65507;
export const HEADER_BYTES = 4;

export type CodecErrorCode = "FRAME_TOO_LARGE" | "DATAGRAM_TOO_LARGE" | "INVALID_PEER_ID";

export class CodecError extends Error {
  readonly code: CodecErrorCode;
  /** The size that was refused, in bytes (the peer id for INVALID_PEER_ID). */
  readonly size: number;
  constructor(code: CodecErrorCode, size: number) {
    super(
      code === "FRAME_TOO_LARGE"
        ? `refused a frame announcing ${size} bytes: a UDP datagram carries at most ${MAX_DATAGRAM}`
        : code === "DATAGRAM_TOO_LARGE"
          ? `refused a datagram of ${size} bytes: a UDP datagram carries at most ${MAX_DATAGRAM}`
          : `refused peer id ${size}: a peer id is an integer from 0 to ${0xffffffff}`,
    );
    this.name = "CodecError";
    this.code = code;
    this.size = size;
  }
}

/**
 * Writes `frame`, corking the stream until setImmediate, so that the frames of one event-loop turn
 * go out in one writev. Not process.nextTick: dgram emits each datagram from its own callback and
 * the tick queue runs after each one, so a tick holds a single datagram (one syscall and, on a
 * port-forward tunnel, one DATA frame each; bench/udp). setImmediate runs after the poll phase
 * has delivered every datagram the kernel had.
 */
export function writeCorked(stream: Writable, frame: Buffer): boolean {
  if (stream.writableCorked === 0) {
    stream.cork();
    setImmediate(() => stream.uncork());
  }
  return stream.write(frame);
}
