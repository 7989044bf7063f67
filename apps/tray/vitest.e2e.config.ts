import { defineConfig } from "vitest/config";

// Real-browser suites: test/browser (renderer against an in-memory daemon) and test/e2e
// (renderer, real daemon, kube-sim, CLI). Both drive Debian's headless chromium.
export default defineConfig({
  test: {
    include: ["test/browser/**/*.test.ts", "test/e2e/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // UI changes arrive over the network and timers: poll generously, never assert timings.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
