export {
  openPortForwardStream,
  PORT_FORWARD_PROTOCOL,
  type PodTarget,
  type PortForwardOptions,
  portForwardUrl,
} from "./openPortForwardStream.ts";
