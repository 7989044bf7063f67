import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["scripts/demo/test/**/*.test.ts"],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
