"use client";
import { Segmented } from "antd";
import { useLang, useT } from "@/lib/client/i18n";
import { LANGUAGES, type Language } from "@/lib/shared/language";

const LABELS: Record<Language, string> = { en: "EN", "zh-CN": "中文" };

/** The UI language toggle (English / 中文), persisted in localStorage. Props: none. */
export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <Segmented<Language>
      size="small"
      value={lang}
      onChange={setLang}
      options={LANGUAGES.map((l) => ({ value: l, label: <span lang={l}>{LABELS[l]}</span> }))}
      aria-label={t("app.language")}
      data-testid="language-switch"
    />
  );
}
