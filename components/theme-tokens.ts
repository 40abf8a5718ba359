// antd theme configs for the light and dark schemes: antd's algorithms with
// the few tokens raised to WCAG 2.2 AA contrast (4.5:1 for text, including
// white on primary buttons, grey secondary text and placeholders).
import { theme, type ThemeConfig } from "antd";
import { THEME_CSS_VAR_CLASS, type ColorScheme } from "@/lib/shared/theme";

// Contrast (light on #fff, dark on #141414): light primary #0958d9 (blue-7)
// 6.1:1 with white text and as link text; light grey text rgba(0,0,0,0.58)
// ≈ #6b6b6b 5.3:1 (5.0:1 on #f5f5f5); dark primary #1668dc 5.2:1 with white
// text, but only 3.5:1 as text on #141414, so dark links are #69b1ff (8.6:1);
// dark grey text rgba(255,255,255,0.6) ≈ #a1a1a1 7:1. The default *Text
// colours of success/warning/error sit under 4.5:1 on their light tag fills.
const SHARED: ThemeConfig = { cssVar: { key: THEME_CSS_VAR_CLASS }, hashed: false };

/** The antd theme per scheme (ConfigProvider `theme`); `cssVar` exposes every token as `var(--ant-…)` on `.ps-theme`. */
export const ANTD_THEMES: Record<ColorScheme, ThemeConfig> = {
  light: {
    ...SHARED,
    algorithm: theme.defaultAlgorithm,
    token: {
      borderRadius: 8,
      colorPrimary: "#0958d9",
      colorLink: "#0958d9",
      colorTextTertiary: "rgba(0, 0, 0, 0.58)",
      colorTextQuaternary: "rgba(0, 0, 0, 0.58)",
      colorTextPlaceholder: "rgba(0, 0, 0, 0.58)",
      colorTextDescription: "rgba(0, 0, 0, 0.58)",
      colorTextDisabled: "rgba(0, 0, 0, 0.25)",
      colorSuccessText: "#237804",
      colorWarningText: "#ad4e00",
      colorErrorText: "#cf1322",
      colorInfoText: "#0958d9",
    },
    // Status tags colour their text with colorSuccess/colorInfo/…, not the *Text tokens: darker here (≥ 5:1 on their fills).
    // Progress prints its percentage in colorSuccess once complete (2.2:1 by default).
    components: {
      Tag: { colorSuccess: "#237804", colorInfo: "#0958d9", colorError: "#cf1322", colorWarning: "#ad4e00" },
      Progress: { colorSuccess: "#237804" },
    },
  },
  dark: {
    ...SHARED,
    algorithm: theme.darkAlgorithm,
    token: {
      borderRadius: 8,
      colorPrimary: "#1668dc",
      colorLink: "#69b1ff",
      colorTextTertiary: "rgba(255, 255, 255, 0.6)",
      colorTextQuaternary: "rgba(255, 255, 255, 0.6)",
      colorTextPlaceholder: "rgba(255, 255, 255, 0.6)",
      colorTextDescription: "rgba(255, 255, 255, 0.6)",
      colorTextDisabled: "rgba(255, 255, 255, 0.3)",
      colorSuccessText: "#8fd460",
      colorWarningText: "#f3cc62",
      colorErrorText: "#f37370",
      colorInfoText: "#69b1ff",
    },
    // Lighter status tag text on the dark fills (default info 3.3:1, error 3.8:1).
    // The selected tab's label is primary-coloured text (#1668dc: 3.5:1 on #141414): the link blue instead.
    components: {
      Tag: { colorSuccess: "#8fd460", colorInfo: "#65a9f3", colorError: "#f37370", colorWarning: "#f3cc62" },
      Tabs: { itemSelectedColor: "#69b1ff", itemActiveColor: "#69b1ff", itemHoverColor: "#8dc5ff", inkBarColor: "#69b1ff" },
    },
  },
};
