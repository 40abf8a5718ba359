"use client";
import { Segmented } from "antd";
import { LANGS, useLang, useT, type Lang } from "@/lib/client/i18n";

const LABELS: Record<Lang, string> = { en: "EN", "zh-CN": "中文" };

/** The UI language toggle (English / 中文), persisted in localStorage. Props: none. */
export function LanguageSwitch() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      options={LANGS.map((l) => ({ value: l, label: <span lang={l}>{LABELS[l]}</span> }))}
      aria-label={t("app.language")}
      data-testid="language-switch"
    />
  );
}
