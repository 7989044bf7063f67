export { type PodTarget, portForwardUrl, UpgradeRefusedError } from "./dialPortForward.ts";
export {
  openPortForwardStream,
  PORT_FORWARD_PROTOCOL,
  type PortForwardOptions,
  PortForwardStream,
} from "./openPortForwardStream.ts";
export {
  type ForwardStream,
  PodConnector,
  type PodConnectorOptions,
  type PortForwardMode,
} from "./podConnector.ts";
export { openSpdyTunnel, SPDY_TUNNEL_PROTOCOL, SpdyTunnel } from "./spdyTunnel.ts";
