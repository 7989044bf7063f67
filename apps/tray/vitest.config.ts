import { defineConfig } from "vitest/config";

// Unit tests only: the browser end-to-end suite runs with vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    exclude: ["test/e2e/**", "node_modules/**", "dist/**"],
  },
});
