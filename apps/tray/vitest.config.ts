import { defineConfig } from "vitest/config";

// Unit tests only: the browser end-to-end suite runs with vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    exclude: ["test/e2e/**", "node_modules/**", "dist/**"],
    // On a loaded 2-core CI machine a pushed update can take longer than expect.poll's 1 s.
    expect: { poll: { timeout: 10_000, interval: 20 } },
  },
});
