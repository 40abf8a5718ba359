// e2e: Debian's Chromium against `next build` + `next start` on a fresh database.
import { defineConfig } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // 700 ms per offline model call: a decomposition runs ~5 s, long enough for a
    // loaded 2-core machine's browser to see it running (and cancel it).
    // LOG_LEVEL warn: the request lines of ~80 specs would bury the test report (the specs that read server logs start their own).
    env: { PORT: String(PORT), DATA_DIR: ".e2e-data", LOG_LEVEL: "warn", LLM_OFFLINE_LATENCY_MS: "700", HOSTNAME: "127.0.0.1", DIAGNOSTICS_ENABLED: "1", JOB_CONCURRENCY: "8", SUPPORT_TOKEN: "e2e-support-token",
      // issue 13 — limits: every spec comes from 127.0.0.1; per-session limits keep their defaults.
      RATE_LIMIT_ADDRESS_MULTIPLIER: "100", RATE_LIMIT_STREAMS_PER_ADDRESS: "5000" },
  },
});
