import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    setupFiles: ["test/setup-env.ts"],
    // TEST_DATABASE=postgres: the template database every file's database is copied from (test/pg-test-db.ts).
    globalSetup: ["test/global-setup.ts"],
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "hooks/**/*.test.{ts,tsx}", "components/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each test file gets its own SQLite file; files run in separate workers.
    pool: "forks",
  },
  resolve: {
    alias: {
      "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
      "@": import.meta.dirname,
      // `// @vitest-environment dom-node` (hook tests): happy-dom's DOM with Node's fetch classes; see the file.
      "vitest-environment-dom-node": path.resolve(import.meta.dirname, "test/dom-environment.ts"),
    },
  },
});
