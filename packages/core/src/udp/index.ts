export {
  DEFAULT_IDLE_PEER_MS,
  DEFAULT_MAX_PEERS,
  startUdpForwarder,
  type UdpForwarder,
  type UdpForwarderOptions,
} from "./udpForwarder.ts";
