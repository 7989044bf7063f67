// The far end of the benchmark in its own process: a UDP echo and a TCP sink on loopback.
import { tcpSink } from "./tcpThroughput.ts";
import { udpEcho } from "./udpLoad.ts";

const echo = await udpEcho();
const sink = await tcpSink();
console.log(`targets udp=${echo.port} tcp=${sink.port}`);
process.stdin.on("end", () => process.exit(0)).resume();
