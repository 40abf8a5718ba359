// Layout checks for narrow viewports (issue 10, phones): the page never scrolls
// sideways, and no text is squeezed into a column a letter or two wide.
// Reusable by any spec: `await expectFitsViewport(page)`.
import { expect, type Page } from "@playwright/test";

/** A text node that wraps into lines of fewer than `minChars` characters on average. */
export type NarrowText = { text: string; lines: number; charsPerLine: number; width: number };

/** `document.scrollingElement.scrollWidth` and the viewport width (CSS px). */
export async function pageWidths(page: Page): Promise<{ scrollWidth: number; viewportWidth: number }> {
  return page.evaluate(() => ({
    scrollWidth: (document.scrollingElement ?? document.documentElement).scrollWidth,
    viewportWidth: window.innerWidth,
  }));
}

/** Asserts the page has no horizontal scroll: `document.scrollingElement.scrollWidth` ≤ the viewport width. */
export async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, viewportWidth } = await pageWidths(page);
  expect(scrollWidth, `page is ${scrollWidth} px wide in a ${viewportWidth} px viewport`).toBeLessThanOrEqual(viewportWidth);
}

/**
 * Visible text nodes of at least `minChars` characters whose rendered lines
 * hold fewer than `minChars` characters on average (characters ÷ line boxes,
 * measured with Range.getClientRects). Hidden text (no boxes, or clipped to
 * ≤ 1 px, as screen-reader-only text is) is skipped.
 */
export async function narrowTextNodes(page: Page, minChars = 3): Promise<NarrowText[]> {
  return page.evaluate((min) => {
    const found: { text: string; lines: number; charsPerLine: number; width: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").replace(/\s+/g, " ").trim();
      const chars = Array.from(text).length;
      if (chars < min) continue;
      const parent = node.parentElement;
      if (!parent || parent.closest("script, style, noscript, [hidden]")) continue;
      range.selectNodeContents(node);
      // One box per line fragment; boxes on the same line (bidi, inline splits) are merged by their top edge.
      const boxes = [...range.getClientRects()].filter((r) => r.width > 1 && r.height > 1);
      if (boxes.length === 0) continue;
      const lines = new Set(boxes.map((r) => Math.round(r.top))).size;
      const charsPerLine = chars / lines;
      if (charsPerLine < min) {
        found.push({ text: text.slice(0, 60), lines, charsPerLine: Math.round(charsPerLine * 10) / 10, width: Math.round(Math.max(...boxes.map((r) => r.width))) });
      }
    }
    return found;
  }, minChars);
}

/** Asserts no visible text node is narrower than `minChars` characters per line. */
export async function expectNoNarrowText(page: Page, minChars = 3): Promise<void> {
  expect(await narrowTextNodes(page, minChars), "text squeezed to fewer than 3 characters a line").toEqual([]);
}

/** Both checks: no horizontal scroll, no text narrower than 3 characters a line. */
export async function expectFitsViewport(page: Page): Promise<void> {
  await expectNoHorizontalScroll(page);
  await expectNoNarrowText(page);
}
