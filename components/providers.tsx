"use client";
// Client-side providers: React Query, antd (locale, theme, App context) and the UI language.
import { App, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { QueryClientProvider } from "@tanstack/react-query";
import dayjs from "dayjs";
import "dayjs/locale/zh-cn";
import { useEffect, useMemo, useState, useSyncExternalStore } from "react";
import { I18nContext, langStore, translator, type I18n } from "@/lib/client/i18n";
import { bindOnlineManager, makeQueryClient } from "@/lib/client/query-client";
import { ConnectionStatus } from "./connection-status";

/**
 * Wraps the app in QueryClientProvider, antd `ConfigProvider` (zh_CN / en_US
 * locale following the UI language) and antd `App` (for `App.useApp()`), and
 * provides the UI language context read by `useT()` / `useLang()`.
 * Props: `{children}`.
 */
export function Providers({ children }: { children: React.ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  // React Query pauses while the server is unreachable and refetches when it answers again (lib/client/connectivity.ts).
  useEffect(() => bindOnlineManager(), []);
  const lang = useSyncExternalStore(langStore.subscribe, langStore.getSnapshot, langStore.getServerSnapshot);
  const i18n = useMemo<I18n>(() => ({ lang, setLang: langStore.set, t: translator(lang) }), [lang]);

  useEffect(() => {
    document.documentElement.lang = lang;
    // antd's date pickers take month and weekday names from dayjs's global locale.
    dayjs.locale(lang === "zh-CN" ? "zh-cn" : "en");
  }, [lang]);

  return (
    <QueryClientProvider client={queryClient}>
      <I18nContext.Provider value={i18n}>
        <ConfigProvider locale={lang === "zh-CN" ? zhCN : enUS} theme={{ token: { borderRadius: 8 } }}>
          <App>
            {children}
            <ConnectionStatus />
          </App>
        </ConfigProvider>
      </I18nContext.Provider>
    </QueryClientProvider>
  );
}
