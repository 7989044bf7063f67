import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    globalSetup: ["test/e2e/requireGit.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
