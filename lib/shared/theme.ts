// The colour theme: the person's preference (light, dark or the OS setting)
// and the scheme it resolves to. Shared by the root layout (server: renders the
// right antd algorithm from the cookies, so there is no flash of the wrong
// theme) and the browser (the header toggle, the pre-paint script).

export const THEME_PREFERENCES = ["light", "dark", "system"] as const;
/** What the person chose in the header toggle; "system" follows `prefers-color-scheme`. */
export type ThemePreference = (typeof THEME_PREFERENCES)[number];
/** The scheme a preference resolves to. */
export type ColorScheme = "light" | "dark";

/** localStorage key and cookie name of the preference (the cookie lets the server render it). */
export const THEME_STORAGE_KEY = "planstream.theme";
export const THEME_COOKIE = "ps_theme";
/** Cookie with the OS scheme the browser last reported (resolves "system" on the server). */
export const SCHEME_COOKIE = "ps_scheme";
/** A year, seconds: the theme cookies' Max-Age. */
export const THEME_COOKIE_MAX_AGE = 365 * 24 * 3600;
/**
 * The class that carries antd's CSS variables (`ConfigProvider theme.cssVar.key`),
 * set on <html> so every CSS module and globals.css can use `var(--ant-…)`.
 */
export const THEME_CSS_VAR_CLASS = "ps-theme";

/** A stored string as a preference; anything else is "system". */
export const toThemePreference = (v: string | null | undefined): ThemePreference =>
  (THEME_PREFERENCES as readonly (string | null | undefined)[]).includes(v) ? (v as ThemePreference) : "system";

/** A stored string as a scheme; anything else is "light". */
export const toColorScheme = (v: string | null | undefined): ColorScheme => (v === "dark" ? "dark" : "light");

/** The scheme `pref` shows when the OS reports `os`. */
export const resolveScheme = (pref: ThemePreference, os: ColorScheme): ColorScheme => (pref === "system" ? os : pref);

/**
 * The pre-paint script (an inline <script> in <head>, before any CSS paints):
 * reads the stored preference and the OS scheme, sets `data-theme` and
 * `color-scheme` on <html> (globals.css paints the page background from them)
 * and refreshes both cookies so the next server render is right. Plain ES5, no
 * imports; failures (storage disabled) leave the server's choice.
 * Idea: the "no flash" script of next-themes / Josh Comeau's dark-mode article.
 */
export const THEME_INIT_SCRIPT = `(function(){try{var p=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(p!=="light"&&p!=="dark")p="system";var o=matchMedia("(prefers-color-scheme: dark)").matches?"dark":"light";var s=p==="system"?o:p;var d=document.documentElement;d.dataset.theme=s;d.style.colorScheme=s;var a="; path=/; max-age=${THEME_COOKIE_MAX_AGE}; samesite=lax";document.cookie=${JSON.stringify(THEME_COOKIE)}+"="+p+a;document.cookie=${JSON.stringify(SCHEME_COOKIE)}+"="+o+a;}catch(e){}})();`;
