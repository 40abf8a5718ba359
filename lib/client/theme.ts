"use client";
// The colour theme in the browser: the preference store (localStorage plus a
// cookie the server reads), the OS scheme (`prefers-color-scheme`) as a store,
// and the context the header toggle reads. Providers resolves the two into
// antd's light or dark algorithm.
import { createContext, useContext } from "react";
import {
  SCHEME_COOKIE,
  THEME_COOKIE,
  THEME_COOKIE_MAX_AGE,
  THEME_STORAGE_KEY,
  toThemePreference,
  type ColorScheme,
  type ThemePreference,
} from "@/lib/shared/theme";
import { createPersistedStore, type PersistedStore } from "./persisted-store";

const DARK_QUERY = "(prefers-color-scheme: dark)";

/** Writes a theme cookie (a year, the whole site) so the next server render picks the same theme. */
export function writeThemeCookie(name: typeof THEME_COOKIE | typeof SCHEME_COOKIE, value: string): void {
  document.cookie = `${name}=${value}; path=/; max-age=${THEME_COOKIE_MAX_AGE}; samesite=lax`;
}

const stored = createPersistedStore<ThemePreference>(THEME_STORAGE_KEY, toThemePreference, "system");

/**
 * The theme preference (light / dark / system), kept in localStorage
 * `planstream.theme` and mirrored in the `ps_theme` cookie; shared across tabs.
 */
export const themePreferenceStore: PersistedStore<ThemePreference> = {
  ...stored,
  set(value) {
    writeThemeCookie(THEME_COOKIE, value);
    stored.set(value);
  },
};

/** The OS colour scheme (`prefers-color-scheme`), live, as a `useSyncExternalStore` store. */
export const osSchemeStore = {
  subscribe(listener: () => void): () => void {
    const media = window.matchMedia(DARK_QUERY);
    media.addEventListener("change", listener);
    return () => media.removeEventListener("change", listener);
  },
  getSnapshot: (): ColorScheme => (window.matchMedia(DARK_QUERY).matches ? "dark" : "light"),
};

/** What the theme context provides: the preference, the scheme shown, and the setter (persists). */
export type ThemeState = { preference: ThemePreference; scheme: ColorScheme; setPreference: (p: ThemePreference) => void };

/** The theme context, provided by `Providers`. */
export const ThemeContext = createContext<ThemeState>({ preference: "system", scheme: "light", setPreference: () => {} });

/** The current theme: `{preference, scheme, setPreference}`. */
export function useTheme(): ThemeState {
  return useContext(ThemeContext);
}
