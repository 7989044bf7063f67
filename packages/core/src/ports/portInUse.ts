// The one translation of a failed bind (TCP listener or UDP socket) into an error a person can act
// on: PORT_IN_USE names the Ferry forward that holds the port when one does, else the program.

import { FerryForwardError } from "../errors.ts";
import type { Protocol } from "../types.ts";
import { processHoldingPort } from "./processHoldingPort.ts";

/** The alias of another running Ferry forward bound to this address, port and protocol. */
export type PortOwner = (address: string, port: number, protocol: Protocol) => string | undefined;

export interface BindTarget {
  address: string;
  port: number;
  protocol: Protocol;
  portOwner?: PortOwner;
}

export async function bindError(
  err: NodeJS.ErrnoException,
  t: BindTarget,
): Promise<FerryForwardError> {
  const where = `${t.address}:${t.port}`;
  const what = t.protocol === "udp" ? "UDP port" : "local port";
  if (err.code === "EADDRINUSE") {
    const owner = t.portOwner?.(t.address, t.port, t.protocol);
    if (owner)
      return new FerryForwardError(
        "PORT_IN_USE",
        `${what} ${where} is already in use by Ferry config "${owner}"; stop it or pick another local_port`,
      );
    const holder = await processHoldingPort(t.address, t.port, t.protocol).catch(() => null);
    const who = !holder
      ? "another program"
      : holder.pid === null
        ? `another program (of user id ${holder.uid})`
        : `another program (pid ${holder.pid}${holder.command ? `: ${holder.command}` : ""})`;
    return new FerryForwardError(
      "PORT_IN_USE",
      `${what} ${where} is already in use by ${who}; stop it or pick another local_port`,
    );
  }
  if (err.code === "EADDRNOTAVAIL")
    return new FerryForwardError(
      "LISTEN_FAILED",
      `local address ${t.address} is not available on this machine`,
    );
  if (err.code === "EACCES")
    return new FerryForwardError(
      "LISTEN_FAILED",
      `not allowed to listen on ${where} (ports below 1024 need privileges)`,
    );
  return new FerryForwardError("LISTEN_FAILED", `cannot listen on ${where}: ${err.message}`);
}
