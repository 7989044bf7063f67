// A WebSocket as a byte stream, for SPDY over WebSocket (`SPDY/3.1+portforward.k8s.io`): each
// binary message is a piece of the stream (client-go's tunneling connection concatenates them on
// read and sends each write as one message). Backpressure both ways: a write completes when `ws`
// has handed the message to its socket, and `ws` stops reading while the stream's buffer is full.
import { Duplex } from "node:stream";
import type { WebSocket } from "ws";

export function wsDuplex(ws: WebSocket): Duplex {
  const send = (data: Buffer, callback: (err?: Error | null) => void) => {
    if (ws.readyState !== ws.OPEN) return callback(new Error("WebSocket closed"));
    ws.send(data, { binary: true }, callback);
  };
  const stream = new Duplex({
    read() {
      if (ws.isPaused) ws.resume();
    },
    write(chunk: Buffer, _enc, callback) {
      send(chunk, callback);
    },
    // Writes queued meanwhile (a frame's pieces, several frames) go out as one message.
    writev(chunks, callback) {
      send(Buffer.concat(chunks.map((c) => c.chunk as Buffer)), callback);
    },
    final(callback) {
      ws.close(1000);
      callback();
    },
    destroy(err, callback) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.terminate();
      callback(err);
    },
  });
  ws.on("message", (data: Buffer) => {
    if (!stream.push(data)) ws.pause();
  });
  ws.on("close", () => {
    stream.push(null);
    stream.destroy();
  });
  ws.on("error", (e) => stream.destroy(e));
  return stream;
}
