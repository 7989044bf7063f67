import { printable } from "@ferry/store/client";
import type { DaemonLinkState } from "../hooks/useForwards.ts";

/**
 * Said plainly while the daemon is lost (stopped, crashed, replaced by a newer one): what
 * happened and that the window is reconnecting, so stale rows are not taken for live ones.
 */
export function DaemonLinkBanner({ link }: { link: DaemonLinkState }) {
  if (link.state !== "lost") return null;
  return (
    <p className="banner" role="alert" data-testid="daemon-link">
      Lost the connection to ferryd ({printable(link.error)}). Reconnecting: the tray starts ferryd
      again if it is not running. The rows below may be out of date until then.
    </p>
  );
}
