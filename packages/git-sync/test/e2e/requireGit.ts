// vitest globalSetup: these suites drive the real git CLI and git http-backend (Debian package
// `git`). Without them there is nothing to test against, so the run fails with how to fix it.
import { hasGit } from "@ferry/git-server";

export default function setup(): void {
  if (!hasGit()) {
    throw new Error(
      "git-sync e2e: git or /usr/lib/git-core/git-http-backend is missing; apt-get install git",
    );
  }
}
