import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // expect.poll's default bound (1 s) is too tight for a daemon and kube-sim on 2 loaded cores.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
