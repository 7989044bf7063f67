// Kernel buffer sizes for the relay's UDP sockets. Larger buffers absorb bursts while the event
// loop is busy framing; the kernel caps them at net.core.{r,w}mem_max.
/** A legacy tunnel has one socket, so it may take a lot. */
export const TUNNEL_UDP_BUFFER_BYTES = 4 * 1024 * 1024;
/** A mux tunnel has one socket per peer (up to MAX_PEERS), so each takes less. */
export const PEER_UDP_BUFFER_BYTES = 1024 * 1024;
