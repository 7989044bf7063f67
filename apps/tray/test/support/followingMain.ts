import { closeFerryClient } from "@ferry/store/client";
import { DaemonFollower } from "../../src/main/daemonFollower.ts";
import { connectDaemon, type DaemonLink, linkAnswers } from "../../src/main/daemonLink.ts";
import { detachedDaemon } from "./daemonProcess.ts";
import { mainEnv, setEnv } from "./processEnv.ts";
import type { HarnessDaemon } from "./trayHarness.ts";

export interface FollowingMain extends HarnessDaemon {
  /** The env for CLI runs: a ferryd the CLI starts allows the page too. */
  cliEnv: NodeJS.ProcessEnv;
  /** Closes main's last client and gives the test process its environment back. */
  close(): Promise<void>;
}

/**
 * The test process as the tray's main: main's own DaemonFollower over main's connectDaemon, which
 * starts the first ferryd (and any later one) with this process's environment, answering the
 * preload's call as main.ts does. `gate`, when given, holds every connect after the first until
 * it resolves: the test sets up the daemon main should find next (an older one) first.
 */
export async function followingMain(
  env: NodeJS.ProcessEnv,
  origin: string,
  gate?: () => Promise<void>,
): Promise<FollowingMain> {
  const home = env.FERRY_HOME as string;
  const restoreEnv = setEnv(mainEnv(env, origin));
  let connects = 0;
  const follower = new DaemonFollower<DaemonLink>({
    connect: async () => {
      if (connects++ > 0) await gate?.();
      return connectDaemon(home);
    },
    answers: linkAnswers,
    onLinked: (_link, previous) => previous && closeFerryClient(previous.client),
  });
  try {
    await follower.current();
    return {
      daemon: await detachedDaemon(home),
      connection: async () => (await follower.checked()).connection,
      cliEnv: { ...env, FERRY_ALLOWED_ORIGINS: origin },
      close: async () => {
        const link = await follower.current().catch(() => null);
        if (link) closeFerryClient(link.client);
        restoreEnv();
      },
    };
  } catch (err) {
    restoreEnv();
    throw err;
  }
}
