// The header of one unmasked, final, binary WebSocket frame (RFC 6455 §5.2), as a server sends
// it. kube-sim writes it itself so that a SPDY frame's header and payload, and every frame of one
// event-loop turn, leave as one message in one writev without being copied together first; `ws`
// can only send a message that is one buffer. `ws` still does the handshake and reads the client.

/** FIN set, opcode 2 (binary). */
const FIN_BINARY = 0x82;

export function wsFrameHeader(payloadLength: number): Buffer {
  if (payloadLength < 126) return Buffer.from([FIN_BINARY, payloadLength]);
  if (payloadLength < 0x10000) {
    const b = Buffer.allocUnsafe(4);
    b[0] = FIN_BINARY;
    b[1] = 126;
    b.writeUInt16BE(payloadLength, 2);
    return b;
  }
  const b = Buffer.allocUnsafe(10);
  b[0] = FIN_BINARY;
  b[1] = 127;
  b.writeUInt32BE(Math.floor(payloadLength / 2 ** 32), 2);
  b.writeUInt32BE(payloadLength >>> 0, 6);
  return b;
}
