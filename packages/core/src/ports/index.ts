export { type BindTarget, bindError, type PortOwner } from "./portInUse.ts";
export { addressesClash, type PortHolder, processHoldingPort } from "./processHoldingPort.ts";
