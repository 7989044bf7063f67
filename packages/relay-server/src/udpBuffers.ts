// Kernel buffer sizes for the relay's UDP sockets. Larger buffers absorb bursts while the event
// loop is busy framing; the kernel caps them at net.core.{r,w}mem_max. A buffer costs only what is
// queued in it, and net.ipv4.udp_mem bounds all UDP sockets together, so many peers with large
// buffers reserve nothing up front.
/** A legacy tunnel has one socket, so it may take a lot. */
export const TUNNEL_UDP_BUFFER_BYTES = 4 * 1024 * 1024;
/**
 * A mux tunnel's socket per peer receives the target's replies while the loop sends a burst the
 * tunnel delivered. At 1 MiB it overflowed at 40 000 datagrams/s in 3 of 4 rows; at 4 MiB in none
 * of 8 (bench/RESULTS.md, issue 16, session 6).
 */
export const PEER_UDP_RECV_BUFFER_BYTES = 4 * 1024 * 1024;
/** Sends rarely queue (the kernel drops rather than waits), so a send buffer needs less. */
export const PEER_UDP_SEND_BUFFER_BYTES = 1024 * 1024;
