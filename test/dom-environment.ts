// Vitest environment for hook tests that also run the real server in-process:
// happy-dom's DOM (document, window, events) for React and Testing Library,
// but Node's own fetch primitives. The built-in "happy-dom" environment
// replaces Request, Response, Headers, AbortController, URL, … with
// happy-dom's, so the route handlers would run on classes Next never gives
// them; it also resolves modules for the browser ("client"). Here the server
// keeps Node's classes and "ssr" resolution, as under `next start`.
// Use with `// @vitest-environment ./test/dom-environment.ts`.
import { builtinEnvironments, type Environment } from "vitest/runtime";

/** Globals kept from Node (the fetch family that both the server and the browser code use). */
const NODE_GLOBALS = [
  "fetch",
  "Request",
  "Response",
  "Headers",
  "AbortController",
  "AbortSignal",
  "URL",
  "URLSearchParams",
  "FormData",
  "Blob",
  "File",
] as const;

const happyDom = builtinEnvironments["happy-dom"];

export default {
  name: "happy-dom-node-fetch",
  viteEnvironment: "ssr",
  async setup(global, options) {
    const saved = NODE_GLOBALS.map((key) => [key, Object.getOwnPropertyDescriptor(global, key)] as const);
    const dom = await happyDom.setup(global, options);
    for (const [key, descriptor] of saved) if (descriptor) Object.defineProperty(global, key, descriptor);
    return dom;
  },
} satisfies Environment;
