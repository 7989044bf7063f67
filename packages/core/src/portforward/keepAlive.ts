// WebSocket pings, so an idle forward outlives load-balancer idle timeouts, and a peer that
// stopped answering is noticed instead of holding connections forever.

import type WebSocket from "ws";

/** Pings every `pingMs`; a ping unanswered by the next one calls `onDead`. Returns the stopper. */
export function keepAlive(ws: WebSocket, pingMs: number, onDead: () => void): () => void {
  if (pingMs <= 0) return () => {};
  let awaitingPong = false;
  const onPong = () => {
    awaitingPong = false;
  };
  ws.on("pong", onPong);
  const timer = setInterval(() => {
    if (awaitingPong) {
      stop();
      onDead();
      return;
    }
    awaitingPong = true;
    ws.ping();
  }, pingMs);
  timer.unref();
  const stop = () => {
    clearInterval(timer);
    ws.off("pong", onPong);
  };
  return stop;
}
