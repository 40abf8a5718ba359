// Copy text to the clipboard, also where the async Clipboard API is missing (plain-http hosts).

/**
 * Writes `text` to the clipboard: `navigator.clipboard.writeText` when the page
 * is a secure context, else the legacy `document.execCommand("copy")` on a
 * hidden textarea (the way most copy helpers fall back).
 * @returns false when neither way worked.
 */
export async function copyText(text: string): Promise<boolean> {
  if (typeof navigator !== "undefined" && navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      /* permission denied: try the legacy way */
    }
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
