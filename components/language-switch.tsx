"use client";
import { Select } from "antd";
import { useLang, useT } from "@/lib/client/i18n";
import { LANGUAGES, NATIVE_NAMES, type Language } from "@/lib/shared/language";

/**
 * The UI language picker: the five languages by their own names (English,
 * 中文, 日本語, Español, Français), persisted in localStorage. Props: none.
 */
export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <Select<Language>
      size="small"
      value={lang}
      onChange={setLang}
      options={LANGUAGES.map((l) => ({ value: l, label: <span lang={l}>{NATIVE_NAMES[l]}</span> }))}
      aria-label={t("app.language")}
      popupMatchSelectWidth={false}
      data-testid="language-switch"
    />
  );
}
