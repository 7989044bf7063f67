import type { ForwardRow } from "../api/contextTypes.ts";
import type { Config } from "../schema/config.ts";
import { isActive } from "./forwardState.ts";
import { localText } from "./targetText.ts";

type Live = Pick<ForwardRow, "state" | "localPort"> | undefined;

/**
 * The local port a config is reached on: the one bound while it is active (a config asking for
 * 0 gets a free one), else the configured one; an empty local port means the remote one.
 */
export function localPortOf(c: Pick<Config, "local_port" | "remote_port">, live?: Live): number {
  const bound = live && isActive(live.state) ? live.localPort : null;
  return bound || (c.local_port ?? c.remote_port);
}

/** The local end as the lists show it: `127.0.0.1:8080`, `auto` for 0 not yet bound. */
export function localEndText(
  c: Pick<Config, "local_address" | "local_port" | "remote_port">,
  live?: Live,
): string {
  return localText({ localAddress: c.local_address, localPort: localPortOf(c, live) });
}
