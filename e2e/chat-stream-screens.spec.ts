// Screenshots of the streamed chat (tool chips, Markdown list, design document
// viewer) at 1280×800 and 390×844, light and dark, saved under test-results/
// (not committed) to look at; each also checks there is no sideways scroll.
import { expect, test } from "@playwright/test";
import { ChatPage } from "./chat-page";

const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

for (const scheme of ["light", "dark"] as const) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    test(`streamed chat screenshots (${size}, ${scheme})`, async ({ page }, testInfo) => {
      test.setTimeout(120_000);
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width: 1280, height: 800 });
      const chat = new ChatPage(page);
      await chat.open();
      await chat.sendAndSettle("Plan a trip to Paris");
      await chat.send("how much is 12 * 35 EUR?");
      await expect(chat.assistantMessages.nth(1)).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
      await chat.send("write the plan up as a document");
      const doc = chat.assistantMessages.nth(2);
      await expect(doc).toHaveAttribute("data-turn-phase", "completed", { timeout: 30_000 });
      await page.setViewportSize(viewport);
      await expect(page.locator("html")).toHaveAttribute("data-theme", scheme);
      await page.screenshot({ path: testInfo.outputPath(`chat-${size}-${scheme}.png`) });
      expect(await chat.pageScrollWidth()).toBeLessThanOrEqual(viewport.width);
      await doc.getByTestId("design-document-link").click();
      await expect(page.getByTestId("design-document-body")).toBeVisible();
      await expect(page.getByTestId("design-document-body").locator("h1, h2").first()).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`document-${size}-${scheme}.png`) });
    });
  }
}
