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

/** Writes `frame`, corking the stream until the next tick so that one tick's frames go in one writev. */
export function writeCorked(stream: Writable, frame: Buffer): boolean {
  if (stream.writableCorked === 0) {
    stream.cork();
    process.nextTick(() => stream.uncork());
  }
  return stream.write(frame);
}
