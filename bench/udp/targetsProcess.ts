// The far end of the benchmark in its own process: a UDP echo and a TCP sink on loopback.
// The echo is the native one (nativeEcho.ts; its own process, `echoPid`) unless ECHO=node or no
// C compiler is found; then Node's, in this process.

import { nativeEcho } from "./nativeEcho.ts";
import { tcpSink } from "./tcpThroughput.ts";
import { udpEcho } from "./udpLoad.ts";

const native = process.env.ECHO === "node" ? undefined : await nativeEcho();
const echo = native ?? (await udpEcho());
const sink = await tcpSink();
console.log(
  `targets udp=${echo.port} tcp=${sink.port} echoPid=${native?.child.pid ?? process.pid} echo=${native ? "native" : "node"}`,
);
process.stdin.on("end", () => {
  native?.child.stdin?.end();
  process.exit(0);
});
process.stdin.resume();
