import { AntdRegistry } from "@ant-design/nextjs-registry";
import type { Metadata, Viewport } from "next";
import { cookies, headers } from "next/headers";
import { Providers } from "@/components/providers";
import {
  SCHEME_COOKIE,
  THEME_COOKIE,
  THEME_CSS_VAR_CLASS,
  THEME_INIT_SCRIPT,
  resolveScheme,
  toColorScheme,
  toThemePreference,
} from "@/lib/shared/theme";
import "./globals.css";

/** The document title (each page sets its own: "Jobs · Planstream") and description. */
export const metadata: Metadata = {
  title: { default: "Planstream", template: "%s · Planstream" },
  description: "Chat-driven planning with live job logs",
};

/** Phones: the layout viewport is the device width (no zoomed-out desktop page). */
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/**
 * The root layout: antd's style registry (SSR) around the client providers
 * (React Query, antd, UI language, theme). The theme cookies let the server
 * render the chosen scheme; the inline script corrects <html> before the
 * first paint when they are missing or stale (no flash of the wrong background).
 * The request's CSP nonce (set by proxy.ts as `x-nonce`) goes on that script;
 * Next.js puts it on its own scripts (docs/security.md).
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const jar = await cookies();
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  const preference = toThemePreference(jar.get(THEME_COOKIE)?.value);
  const osScheme = toColorScheme(jar.get(SCHEME_COOKIE)?.value);
  const scheme = resolveScheme(preference, osScheme);
  return (
    // The pre-paint script may change data-theme and the style before React hydrates.
    <html lang="en" className={THEME_CSS_VAR_CLASS} data-theme={scheme} style={{ colorScheme: scheme }} suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: THEME_INIT_SCRIPT }} />
      </head>
      <body>
        <AntdRegistry>
          <Providers initialPreference={preference} initialOsScheme={osScheme}>
            {children}
          </Providers>
        </AntdRegistry>
      </body>
    </html>
  );
}
