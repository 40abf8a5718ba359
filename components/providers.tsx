"use client";
// Client-side providers: React Query, antd (locale, theme, App context), the UI language and the colour theme.
import { App, ConfigProvider, type ConfigProviderProps } from "antd";
import enUS from "antd/locale/en_US";
import esES from "antd/locale/es_ES";
import frFR from "antd/locale/fr_FR";
import jaJP from "antd/locale/ja_JP";
import zhCN from "antd/locale/zh_CN";
import { QueryClientProvider } from "@tanstack/react-query";
import dayjs from "dayjs";
import "dayjs/locale/es";
import "dayjs/locale/fr";
import "dayjs/locale/ja";
import "dayjs/locale/zh-cn";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { z } from "zod";
import { I18nContext, langStore, translator, type I18n } from "@/lib/client/i18n";
import { bindOnlineManager, makeQueryClient } from "@/lib/client/query-client";
import { ConnectionStatus } from "./connection-status";
import { ThemeContext, osSchemeStore, themePreferenceStore, writeThemeCookie, type ThemeState } from "@/lib/client/theme";
import type { Language } from "@/lib/shared/language";
import { SCHEME_COOKIE, resolveScheme, type ColorScheme, type ThemePreference } from "@/lib/shared/theme";
import { ANTD_THEMES } from "./theme-tokens";

// issue 13 — CSP: zod probes for `new Function` (its JIT) on the first parse; the
// page's CSP forbids eval, so the probe would report a violation. Browser only.
if (typeof window !== "undefined") z.config({ jitless: true });

/** antd's locale for each UI language (pickers, pagination, empty states, modals). */
const ANTD_LOCALES: Record<Language, NonNullable<ConfigProviderProps["locale"]>> = { en: enUS, "zh-CN": zhCN, ja: jaJP, es: esES, fr: frFR };
/** dayjs's locale name for each UI language (month and weekday names in antd's date pickers). */
const DAYJS_LOCALES: Record<Language, string> = { en: "en", "zh-CN": "zh-cn", ja: "ja", es: "es", fr: "fr" };

/** Props of Providers: the theme the server rendered (from the theme cookies), so hydration matches it. */
export type ProvidersProps = { children: React.ReactNode; initialPreference: ThemePreference; initialOsScheme: ColorScheme };

/**
 * Wraps the app in QueryClientProvider, antd `ConfigProvider` (en_US, zh_CN,
 * ja_JP, es_ES or fr_FR locale following the UI language, and the matching
 * dayjs locale; light or dark algorithm following the
 * theme preference, "system" = `prefers-color-scheme`, live) and antd `App`
 * (for `App.useApp()`), and provides the UI language (`useT()` / `useLang()`)
 * and the theme (`useTheme()`). Keeps `data-theme` and `color-scheme` on
 * <html> and the theme cookies current.
 */
export function Providers({ children, initialPreference, initialOsScheme }: ProvidersProps) {
  const [queryClient] = useState(makeQueryClient);
  // React Query pauses while the server is unreachable and refetches when it answers again (lib/client/connectivity.ts).
  useEffect(() => bindOnlineManager(), []);
  const lang = useSyncExternalStore(langStore.subscribe, langStore.getSnapshot, langStore.getServerSnapshot);
  const i18n = useMemo<I18n>(() => ({ lang, setLang: langStore.set, t: translator(lang) }), [lang]);
  const preference = useSyncExternalStore(themePreferenceStore.subscribe, themePreferenceStore.getSnapshot, () => initialPreference);
  const osScheme = useSyncExternalStore(osSchemeStore.subscribe, osSchemeStore.getSnapshot, () => initialOsScheme);
  const scheme = resolveScheme(preference, osScheme);
  const themeState = useMemo<ThemeState>(() => ({ preference, scheme, setPreference: themePreferenceStore.set }), [preference, scheme]);

  useEffect(() => {
    document.documentElement.lang = lang;
    // antd's date pickers take month and weekday names from dayjs's global locale.
    dayjs.locale(DAYJS_LOCALES[lang]);
  }, [lang]);

  useEffect(() => {
    const html = document.documentElement;
    html.dataset.theme = scheme;
    html.style.colorScheme = scheme;
    writeThemeCookie(SCHEME_COOKIE, osScheme);
  }, [scheme, osScheme]);

  return (
    <QueryClientProvider client={queryClient}>
      <I18nContext.Provider value={i18n}>
        <ThemeContext.Provider value={themeState}>
          <ConfigProvider locale={ANTD_LOCALES[lang]} theme={ANTD_THEMES[scheme]}>
            <App>
              {children}
              <ConnectionStatus />
            </App>
          </ConfigProvider>
        </ThemeContext.Provider>
      </I18nContext.Provider>
    </QueryClientProvider>
  );
}
