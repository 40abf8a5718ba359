// ESLint flat config (`npm run lint` = `eslint .`): typescript-eslint without
// type information (fast), kebab-case file and folder names, no unused
// imports/variables, React hooks rules, and the client/server boundary:
// browser code (components, hooks, lib/client, lib/shared, pages, the root
// layout) must not import lib/server, by alias or relative path.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import checkFile from "eslint-plugin-check-file";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const SOURCE_DIRS = "{app,components,hooks,lib,test,e2e,bench,scripts}";

const serverImportMessage = "Client code must not import lib/server (server-only); move what both sides need to lib/shared.";

/** `no-restricted-imports` options banning lib/server; `extraRegex` adds relative forms valid only from some folders. */
const noServerImports = (...extraRegex) => [
  "error",
  {
    patterns: [
      { group: ["@/lib/server", "@/lib/server/**"], message: serverImportMessage },
      // Relative paths that walk through lib/server from anywhere (`../../lib/server/env`).
      { regex: "^(\\.\\.?/)+(.+/)?lib/server(/|$)", message: serverImportMessage },
      ...extraRegex.map((regex) => ({ regex, message: serverImportMessage })),
    ],
  },
];

export default defineConfig(
  globalIgnores([
    "lib/server/db/generated/",
    "lib/server/db/generated-pg/",
    ".next/",
    "node_modules/",
    "bench/results/",
    "data/",
    ".e2e-data/",
    "test-results/",
    "playwright-report/",
    "next-env.d.ts",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.node }, // scripts/*.mjs; TypeScript files need no globals (no-undef is off for them)
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          args: "after-used",
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrorsIgnorePattern: "^_",
          destructuredArrayIgnorePattern: "^_",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  // Rules of hooks plus the React Compiler checks (few findings, so the whole recommended set).
  { ...reactHooks.configs.flat.recommended, files: ["**/*.{ts,tsx}"] },
  // File names: kebab-case (`job-log-panel.tsx`, `use-job-log.test.tsx`: the part before the first dot).
  // Next's special files (route.ts, page.tsx, layout.tsx) are kebab-case already.
  {
    files: [`${SOURCE_DIRS}/**/*.{ts,tsx,js,mjs,cjs}`],
    plugins: { "check-file": checkFile },
    rules: {
      "check-file/filename-naming-convention": ["error", { "**/*.{ts,tsx,js,mjs,cjs}": "KEBAB_CASE" }, { ignoreMiddleExtensions: true }],
      "check-file/folder-naming-convention": [
        "error",
        {
          // App Router folders: kebab-case, `[jobId]`, `[...slug]`, `(group)`, `_private`, and dotted names like `openapi.json`.
          "app/**/": "NEXT_JS_APP_ROUTER_CASE",
          "{components,hooks,lib,test,e2e,bench,scripts}/**/": "KEBAB_CASE",
        },
      ],
    },
  },
  // The client/server boundary. Tests may import server code (they call route handlers).
  {
    files: ["components/**/*.{ts,tsx}", "hooks/**/*.{ts,tsx}", "app/**/page.tsx", "app/layout.tsx"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: { "no-restricted-imports": noServerImports() },
  },
  {
    files: ["lib/client/**/*.{ts,tsx}", "lib/shared/**/*.{ts,tsx}"],
    ignores: ["**/*.test.{ts,tsx}"],
    // From lib/client and lib/shared, `../server/…` is lib/server too.
    rules: { "no-restricted-imports": noServerImports("^(\\.\\./)+server(/|$)") },
  },
  // Emitting by capability (docs/design.md "Event semantics"): only capabilities.ts may use JobLogger's
  // privileged writers, and only the two executors may import capabilities.ts (tests may, to prove the rule).
  {
    files: ["lib/server/**/*.ts", "app/api/**/*.ts"],
    ignores: ["**/*.test.ts", "lib/server/jobs/capabilities.ts", "lib/server/tools/tool-executor.ts", "lib/server/runs/plan-executor.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "(^|/)capabilities(\\.ts)?$", message: "Only the tool executor and the plan executor hold the tool and execution event writers." },
            { regex: "(^|/)job-logger(\\.ts)?$", importNames: ["PRIVILEGED", "PRIVILEGED_COMMIT"], message: "Privileged event writers belong to capabilities.ts." },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/server/tools/tool-executor.ts", "lib/server/runs/plan-executor.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "(^|/)job-logger(\\.ts)?$", importNames: ["PRIVILEGED", "PRIVILEGED_COMMIT"], message: "Privileged event writers belong to capabilities.ts." }] },
      ],
    },
  },
);
