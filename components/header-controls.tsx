"use client";
import { LanguageSwitch } from "@/components/language-switch";
import { SupportStatus } from "@/components/support/support-status";
import { ThemeSwitch } from "@/components/theme-switch";
import styles from "./header-controls.module.css";

/**
 * The right end of a page header: the support role (tag and sign-out, or the
 * sign-in link), the theme toggle and the language switch; wraps as one group
 * on narrow screens. Props: `{support?}` (default true; false on /support itself).
 */
export function HeaderControls({ support = true }: { support?: boolean }) {
  return (
    <span className={styles.controls}>
      {support && <SupportStatus />}
      <ThemeSwitch />
      <LanguageSwitch />
    </span>
  );
}
