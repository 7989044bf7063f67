import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.{ts,tsx}"],
    exclude: ["test/e2e/**", "node_modules/**"],
    // Component tests wait for screens; on a loaded 2-core CI machine that can take seconds.
    testTimeout: 30_000,
    // expect.poll's default bound (1 s) is too tight there too.
    expect: { poll: { timeout: 10_000, interval: 20 } },
  },
});
