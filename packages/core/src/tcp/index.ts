export { startTcpForwarder, type TcpForwarder, type TcpForwarderOptions } from "./tcpForwarder.ts";
