// Writing to and closing a port-forward WebSocket, the same way for the v4 stream and the SPDY
// tunnel: bounded queueing, and a close that a silent peer cannot hold open.

import WebSocket from "ws";

/** Above this many bytes queued in the WebSocket, writes wait for the socket to drain. */
const WS_HIGH_WATER = 1 << 20;

/** Sends one binary message; `cb` runs at once below the high-water mark, else once it is sent. */
export function sendBounded(ws: WebSocket, data: Buffer, cb: (err?: Error | null) => void): void {
  if (ws.bufferedAmount < WS_HIGH_WATER) {
    ws.send(data, { binary: true });
    cb();
  } else {
    ws.send(data, { binary: true }, (err) => cb(err ?? null));
  }
}

/** Starts the closing handshake; a peer that never answers it is cut off after 2 s. */
export function closeGracefully(ws: WebSocket): void {
  if (ws.readyState === WebSocket.OPEN) {
    ws.close(1000);
    const t = setTimeout(() => ws.terminate(), 2000);
    t.unref();
    ws.once("close", () => clearTimeout(t));
  } else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
}
