import { type FerryClient, isUnreachable, type LiveState } from "@ferry/store/client";
import type { DaemonFollower } from "./daemonFollower.ts";

/**
 * The menu's live stream over the follower: each (re)subscription takes the current link's
 * client, a dropped stream reports that link lost (so the next one connects again: a restarted
 * daemon has a new port and token), and rows flowing again reset the backoff.
 */
export function followedClient<L extends { client: FerryClient }>(
  follower: DaemonFollower<L>,
): { client: () => Promise<FerryClient>; onState: (state: LiveState) => void } {
  let used: L | null = null;
  return {
    client: async () => {
      used = await follower.current();
      return used.client;
    },
    onState: (state: LiveState) => {
      if (state === "offline" && used) follower.lost(used);
      if (state === "live") follower.live();
    },
  };
}

/**
 * A call on the current link's client (a menu action, a setting); one no daemon answered reports
 * the link lost, so the next call goes to the daemon running then. The error is still thrown.
 */
export function followedCall<L extends { client: FerryClient }>(follower: DaemonFollower<L>) {
  return async <T>(fn: (client: FerryClient) => Promise<T>): Promise<T> => {
    const link = await follower.current();
    try {
      return await fn(link.client);
    } catch (err) {
      if (isUnreachable(err)) follower.lost(link);
      throw err;
    }
  };
}
