"use client";
import { DesktopOutlined, MoonOutlined, SunOutlined } from "@ant-design/icons";
import { Segmented } from "antd";
import type { ReactNode } from "react";
import { useT, type MessageKey } from "@/lib/client/i18n";
import { useTheme } from "@/lib/client/theme";
import { THEME_PREFERENCES, type ThemePreference } from "@/lib/shared/theme";
import styles from "./header-controls.module.css";

const OPTIONS: Record<ThemePreference, { icon: ReactNode; label: MessageKey }> = {
  light: { icon: <SunOutlined />, label: "theme.light" },
  dark: { icon: <MoonOutlined />, label: "theme.dark" },
  system: { icon: <DesktopOutlined />, label: "theme.system" },
};

/**
 * The colour theme toggle (light / dark / follow the system), persisted
 * (localStorage and a cookie, lib/client/theme.ts). Three icon radios, each
 * named for screen readers and titled for the mouse; arrow keys move between
 * them. `data-testid="theme-switch"`. Props: none.
 */
export function ThemeSwitch() {
  const t = useT();
  const { preference, setPreference } = useTheme();
  return (
    <Segmented<ThemePreference>
      size="small"
      value={preference}
      onChange={setPreference}
      options={THEME_PREFERENCES.map((p) => ({
        value: p,
        title: t(OPTIONS[p].label),
        label: (
          <span data-testid={`theme-${p}`}>
            <span aria-hidden>{OPTIONS[p].icon}</span>
            <span className={styles.srOnly}>{t(OPTIONS[p].label)}</span>
          </span>
        ),
      }))}
      aria-label={t("theme.label")}
      data-testid="theme-switch"
    />
  );
}
