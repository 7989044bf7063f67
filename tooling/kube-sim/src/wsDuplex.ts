// A WebSocket as a byte stream, for SPDY over WebSocket (`SPDY/3.1+portforward.k8s.io`): each
// binary message is a piece of the stream (client-go's tunneling connection concatenates them on
// read). Reading is `ws`'s. Writing frames the messages here, on `ws`'s own socket: what one turn of
// the event loop writes (SPDY headers and the payloads they frame, as spdy-transport pushes them)
// leaves as one message, header and pieces in one writev, nothing copied (wsFrameHeader.ts says
// why). `ws` writes only whole frames (pongs, the close), so the two never interleave mid-frame.
// Backpressure both ways: a write completes when the socket has taken the message, and `ws` stops
// reading while the stream's buffer is full.
import { Duplex } from "node:stream";
import type { WebSocket } from "ws";
import { coalesceEveryWrite } from "./coalescedWrites.ts";
import { releaseWrittenPayload } from "./spdyDataFrame.ts";
import { wsFrameHeader } from "./wsFrameHeader.ts";

export function wsDuplex(ws: WebSocket, socket: Duplex): Duplex {
  const send = (chunks: Buffer[], callback: (err?: Error | null) => void) => {
    if (ws.readyState !== ws.OPEN) return callback(new Error("WebSocket closed"));
    let length = 0;
    for (const c of chunks) length += c.length;
    socket.cork();
    socket.write(wsFrameHeader(length));
    for (let i = 0; i < chunks.length - 1; i++) socket.write(chunks[i]);
    socket.write(chunks[chunks.length - 1], (err?: Error | null) => {
      if (!err) for (const c of chunks) releaseWrittenPayload(c);
      callback(err);
    });
    socket.uncork();
  };
  const stream = new Duplex({
    read() {
      if (ws.isPaused) ws.resume();
    },
    write(chunk: Buffer, _enc, callback) {
      send([chunk], callback);
    },
    writev(chunks, callback) {
      send(
        chunks.map((c) => c.chunk as Buffer),
        callback,
      );
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
  coalesceEveryWrite(stream);
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
