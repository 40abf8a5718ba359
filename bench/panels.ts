// Figure 4: how smooth the browser stays with 8 busy JobLogPanels on one page.
// Chromium (/usr/bin/chromium) opens /jobs on a `next start`, "Watch running"
// expands 8 log-burst jobs writing `ratePerSec` lines each, and a 50 ms
// setInterval probe in the page records how late each tick fires (main-thread
// lag). Baseline, same run, same page: the 8 panels after the jobs were
// cancelled (same DOM, nothing arriving).
import { chromium, type Page } from "@playwright/test";
import { summarize, type Summary } from "./lib/stats.ts";
import type { Target } from "./lib/targets.ts";

export type PanelsConfig = { panels: number; lines: number; ratePerSec: number; settleMs: number; windowMs: number };
export type PanelsResult = {
  panels: number;
  ratePerSec: number;
  /** Timer lag while the panels stream, ms. */
  live: Summary;
  /** Timer lag with the same panels idle, ms. */
  idle: Summary;
  /** Lines that reached the panels per second during the window (all panels). */
  linesPerSec: number;
};

const PROBE_MS = 50;

/** Timer lag samples (ms late per 50 ms tick) over `windowMs`, measured in the page. */
async function lag(page: Page, windowMs: number): Promise<number[]> {
  return page.evaluate(
    ({ windowMs, probeMs }) =>
      new Promise<number[]>((resolve) => {
        const lags: number[] = [];
        let last = performance.now();
        const end = last + windowMs;
        const timer = setInterval(() => {
          const now = performance.now();
          lags.push(Math.max(0, now - last - probeMs));
          last = now;
          if (now >= end) {
            clearInterval(timer);
            resolve(lags);
          }
        }, probeMs);
      }),
    { windowMs, probeMs: PROBE_MS },
  );
}

const loadedSeqs = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="job-log-panel"]')].reduce((sum, p) => sum + Number(p.getAttribute("data-last-seq")), 0),
  );

/** Runs figure 4 against a Planstream target (needs `baseUrl`). */
export async function measurePanels(target: Target, cfg: PanelsConfig): Promise<PanelsResult> {
  if (!target.baseUrl) throw new Error("measurePanels needs a Planstream target");
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 4000 } });
    const [name, value] = target.headers.cookie.split("=");
    await context.addCookies([{ name, value, url: target.baseUrl }]);
    const page = await context.newPage();
    const jobs = await Promise.all(Array.from({ length: cfg.panels }, () => target.startBurst(cfg.lines, cfg.ratePerSec)));
    await page.goto(`${target.baseUrl}/jobs`);
    const watch = page.getByTestId("watch-running");
    await watch.filter({ hasText: `(${cfg.panels})` }).waitFor({ timeout: 15_000 });
    await watch.click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="job-log-panel"][data-transport="sse"]').length === n, cfg.panels, { timeout: 15_000 });
    await page.waitForTimeout(cfg.settleMs);
    const before = await loadedSeqs(page);
    const t0 = performance.now();
    const live = await lag(page, cfg.windowMs);
    const linesPerSec = ((await loadedSeqs(page)) - before) / ((performance.now() - t0) / 1000);
    for (const id of jobs) await target.cancel(id);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="job-log-panel"][data-status="cancelled"]').length === n, cfg.panels, { timeout: 15_000 });
    await page.waitForTimeout(cfg.settleMs);
    const idle = await lag(page, cfg.windowMs);
    return { panels: cfg.panels, ratePerSec: cfg.ratePerSec, live: summarize(live), idle: summarize(idle), linesPerSec: Math.round(linesPerSec) };
  } finally {
    await browser.close();
  }
}
