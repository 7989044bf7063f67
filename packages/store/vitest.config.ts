import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    // Worker threads, not forks: better-sqlite3 12.11 on Node 24 now and then aborts a fork
    // worker as it exits ("Assertion failed: (env) != nullptr"), after its tests passed.
    pool: "threads",
  },
});
